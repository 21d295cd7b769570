#!/bin/sh
# Starts a Redis node of the StatefulSet redis: a replica of the primary the sentinels name, or
# the primary when they name this node. When no sentinel answers (a new deployment, or every
# sentinel restarting), redis-0 starts as the primary and the others as its replicas; the
# sentinels then find the primary the same way (start-sentinel.sh). Nodes are known by their
# stable DNS names (<pod>.redis), never by address: pods change address when they restart.
# Each question has 2 s (timeout): a sentinel on a lost Kubernetes node keeps its DNS name
# until its pod is evicted, and a connect to it would otherwise wait minutes.
# maxmemory is 70 % of REDIS_MEMORY_LIMIT (the container's memory limit, in bytes, from the
# downward API): the rest is for what Redis uses beyond maxmemory (replication and client
# buffers, the AOF rewrite's copy-on-write pages, fragmentation).
# Arguments: redis-server's own; this adds the replication settings and maxmemory.
set -eu
case ${REDIS_MEMORY_LIMIT:-} in
  '' | *[!0-9]*)
    echo "start-redis: REDIS_MEMORY_LIMIT must be the container's memory limit in bytes" >&2
    exit 1
    ;;
esac
maxmemory=$((REDIS_MEMORY_LIMIT * 70 / 100))
self="$(hostname).redis"
primary_host=""
primary_port=""
for s in $(echo "$REDIS_SENTINELS" | tr ',' ' '); do
  answer=$(timeout 2 redis-cli -h "${s%:*}" -p "${s##*:}" --raw sentinel get-master-addr-by-name \
    "$REDIS_MASTER_NAME" 2>/dev/null | tr '\n' ' ') || continue
  host=$(echo "$answer" | cut -d' ' -f1)
  port=$(echo "$answer" | cut -d' ' -f2)
  case $port in '' | *[!0-9]*) continue ;; esac
  primary_host=$host
  primary_port=$port
  echo "start-redis: sentinel $s names the primary $host:$port"
  break
done
if [ -z "$primary_host" ]; then
  primary_host="${REDIS_FIRST_NODE}"
  primary_port=6379
  echo "start-redis: no sentinel answered; $primary_host is the primary"
fi
replication=$(tr -d '\r\n' </var/run/secrets/polylateral/redis/replication)
if [ "$primary_host" = "$self" ]; then
  exec redis-server "$@" --maxmemory "$maxmemory" --replica-announce-ip "$self" \
    --masteruser replication --masterauth "$replication"
fi
exec redis-server "$@" --maxmemory "$maxmemory" --replica-announce-ip "$self" \
  --masteruser replication --masterauth "$replication" --replicaof "$primary_host" "$primary_port"
