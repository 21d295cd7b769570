#!/bin/sh
# Starts a sentinel of the StatefulSet redis-sentinel with a configuration from
# sentinel-conf.sh. The primary to monitor: the one the other sentinels name; else the node
# that says it is a primary (ROLE, as the `sentinel` user); else redis-0. The sentinel's id is
# derived from its pod name, so a restarted sentinel is the same one to its peers (a new id
# each restart would leave dead peers counted in the majority a failover needs).
set -eu
self="$(hostname).redis-sentinel"
password_file=/var/run/secrets/polylateral/redis/sentinel
host=""
for s in $(echo "$REDIS_SENTINELS" | tr ',' ' '); do
  [ "${s%:*}" = "$self" ] && continue
  answer=$(timeout 2 redis-cli -h "${s%:*}" -p "${s##*:}" --raw sentinel get-master-addr-by-name \
    "$REDIS_MASTER_NAME" 2>/dev/null | tr '\n' ' ') || continue
  port=$(echo "$answer" | cut -d' ' -f2)
  case $port in '' | *[!0-9]*) continue ;; esac
  host=$(echo "$answer" | cut -d' ' -f1)
  echo "start-sentinel: sentinel $s names the primary $host:$port"
  break
done
if [ -z "$host" ]; then
  for node in $(echo "$REDIS_NODES" | tr ',' ' '); do
    role=$(REDISCLI_AUTH=$(tr -d '\r\n' <"$password_file") timeout 2 redis-cli -h "$node" -p 6379 \
      --user sentinel --no-auth-warning --raw role 2>/dev/null | head -n 1) || continue
    if [ "$role" = master ]; then
      host=$node
      echo "start-sentinel: $node says it is the primary"
      break
    fi
  done
fi
if [ -z "$host" ]; then
  host=$(echo "$REDIS_NODES" | cut -d, -f1)
  echo "start-sentinel: nobody names a primary; monitoring $host"
fi
SENTINEL_ANNOUNCE=$self SENTINEL_DIR=/data SENTINEL_PASSWORD_FILE=$password_file \
  SENTINEL_MYID=$(echo "$self" | sha1sum | cut -d' ' -f1) \
  MASTER_NAME=$REDIS_MASTER_NAME MASTER_HOST=$host MASTER_PORT=6379 QUORUM=$SENTINEL_QUORUM \
  sh /scripts/sentinel-conf.sh >/data/sentinel.conf
exec redis-server /data/sentinel.conf --sentinel
