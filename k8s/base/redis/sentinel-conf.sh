#!/bin/sh
# Writes a Redis Sentinel configuration to stdout: the one generator for scripts/up, the
# Kubernetes sentinels (k8s/base/redis keeps a copy; tests/k8s checks the two are equal) and
# tests/ops. Sentinel rewrites its file as it learns, so start it on a private copy.
#
# Sentinels are reached without a password by the services (SENTINEL get-master-addr-by-name,
# SUBSCRIBE +switch-master) and by the backup job (SENTINEL replicas): the `default` user may do
# exactly that. Sentinels talk to each other, and to the Redis nodes, as the ACL user
# `sentinel` with its one password (deploy/redis/acl-rules.conf holds its rules on the nodes).
#
# Environment:
#   SENTINEL_PORT             port to listen on (26379)
#   SENTINEL_BIND             address to bind (all when unset)
#   SENTINEL_ANNOUNCE         host name or address the other sentinels reach this one at
#   SENTINEL_DIR              its working directory
#   SENTINEL_MYID             40 hex digits: its id among the sentinels (Redis picks one if unset)
#   SENTINEL_PASSWORD_FILE    the `sentinel` user's password
#   MASTER_NAME               the monitored primary's name (polylateral)
#   MASTER_HOST, MASTER_PORT  where the primary is now
#   QUORUM                    sentinels that must agree the primary is down (2)
#   DOWN_AFTER_MS             unanswered for this long: down (5000)
#   FAILOVER_TIMEOUT_MS       (60000)
set -eu
: "${SENTINEL_PORT:=26379}" "${MASTER_NAME:=polylateral}" "${QUORUM:=2}"
: "${DOWN_AFTER_MS:=5000}" "${FAILOVER_TIMEOUT_MS:=60000}"
for v in SENTINEL_DIR SENTINEL_PASSWORD_FILE MASTER_HOST MASTER_PORT; do
  eval "val=\${$v:-}"
  if [ -z "$val" ]; then
    echo "sentinel-conf.sh: $v is not set" >&2
    exit 2
  fi
done
if [ ! -s "$SENTINEL_PASSWORD_FILE" ]; then
  echo "sentinel-conf.sh: no password in $SENTINEL_PASSWORD_FILE (the sentinel user's)" >&2
  exit 2
fi
password=$(tr -d '\r\n' <"$SENTINEL_PASSWORD_FILE")

echo "port $SENTINEL_PORT"
[ -n "${SENTINEL_BIND:-}" ] && echo "bind $SENTINEL_BIND"
echo "dir $SENTINEL_DIR"
# Nodes and sentinels may be named by DNS (Kubernetes pods change address on restart).
echo "sentinel resolve-hostnames yes"
echo "sentinel announce-hostnames yes"
[ -n "${SENTINEL_ANNOUNCE:-}" ] && echo "sentinel announce-ip $SENTINEL_ANNOUNCE"
[ -n "${SENTINEL_MYID:-}" ] && echo "sentinel myid $SENTINEL_MYID"
cat <<CONF
user default on nopass resetkeys resetchannels -@all +ping +sentinel|get-master-addr-by-name +sentinel|replicas +subscribe &+switch-master
user sentinel on >$password ~* &* +@all
sentinel sentinel-user sentinel
sentinel sentinel-pass $password
sentinel monitor $MASTER_NAME $MASTER_HOST $MASTER_PORT $QUORUM
sentinel auth-user $MASTER_NAME sentinel
sentinel auth-pass $MASTER_NAME $password
sentinel down-after-milliseconds $MASTER_NAME $DOWN_AFTER_MS
sentinel failover-timeout $MASTER_NAME $FAILOVER_TIMEOUT_MS
sentinel parallel-syncs $MASTER_NAME 1
CONF
