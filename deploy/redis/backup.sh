#!/bin/sh
# Takes an RDB snapshot of polylateral's Redis from a replica into a directory and keeps the
# newest BACKUP_KEEP there: what the Kubernetes CronJob redis-backup runs (k8s/base/redis keeps
# a copy; tests/k8s checks the two are equal) and what tests/ops/backup_restore_test.sh runs.
#
# A replica, so that the primary forks for nobody: the sentinels name the replicas (SENTINEL
# replicas, no password needed) and the first healthy one (flags exactly "slave", link to the
# primary up) serves `redis-cli --rdb` as the ACL user `backup`, which may only ask for a sync.
# The snapshot is checked with redis-check-rdb before it counts; a failed one is removed.
#
# Environment:
#   REDIS_SENTINELS            comma-separated host:port of the sentinels
#   REDIS_MASTER_NAME          the primary's name in Sentinel (polylateral)
#   REDIS_SOURCE               host:port to back up from instead of asking the sentinels
#   REDIS_BACKUP_USER          ACL user (backup)
#   REDIS_BACKUP_PASSWORD_FILE its password
#   BACKUP_DIR                 where snapshots go (polylateral-<UTC time>.rdb and .sha256)
#   BACKUP_KEEP                snapshots kept, the newest (7)
# Exit: 0 done; 1 no snapshot taken (the reason on stderr); 2 bad settings.
set -eu
: "${REDIS_MASTER_NAME:=polylateral}" "${REDIS_BACKUP_USER:=backup}" "${BACKUP_KEEP:=7}"
fail() {
  echo "backup.sh: $*" >&2
  exit "${code:-1}"
}
code=2
[ -n "${BACKUP_DIR:-}" ] || fail "BACKUP_DIR is not set"
if [ ! -d "$BACKUP_DIR" ] || [ ! -w "$BACKUP_DIR" ]; then
  fail "BACKUP_DIR $BACKUP_DIR is not a writable directory"
fi
case $BACKUP_KEEP in '' | *[!0-9]* | 0) fail "BACKUP_KEEP must be a whole number >= 1, not '$BACKUP_KEEP'" ;; esac
[ -r "${REDIS_BACKUP_PASSWORD_FILE:-}" ] ||
  fail "REDIS_BACKUP_PASSWORD_FILE '${REDIS_BACKUP_PASSWORD_FILE:-}' is not readable"
[ -n "${REDIS_SOURCE:-}${REDIS_SENTINELS:-}" ] || fail "set REDIS_SENTINELS (or REDIS_SOURCE)"
code=1

# "host port" of the first healthy replica one sentinel names, or nothing.
healthy_replica() {
  timeout 5 redis-cli -h "${1%:*}" -p "${1##*:}" --raw sentinel replicas "$REDIS_MASTER_NAME" 2>/dev/null |
    awk '
      function done() {
        if (!found && ip != "" && flags == "slave" && link == "ok") { found = 1; print ip, port; exit }
      }
      key == "" && $0 == "name" { done(); ip = ""; port = ""; flags = ""; link = "" }
      key == "ip" { ip = $0 } key == "port" { port = $0 } key == "flags" { flags = $0 }
      key == "master-link-status" { link = $0 }
      { key = (key == "" ? $0 : "") }
      END { done() }'
}

source=""
if [ -n "${REDIS_SOURCE:-}" ]; then
  source="${REDIS_SOURCE%:*} ${REDIS_SOURCE##*:}"
else
  tried=""
  for s in $(echo "$REDIS_SENTINELS" | tr ',' ' '); do
    source=$(healthy_replica "$s")
    [ -n "$source" ] && break
    tried="$tried $s"
  done
  [ -n "$source" ] || fail "no sentinel of$tried named a healthy replica of $REDIS_MASTER_NAME; no snapshot taken"
fi
host=${source% *}
port=${source#* }

stamp=$(date -u +%Y%m%dT%H%M%SZ)
while [ -e "$BACKUP_DIR/polylateral-$stamp.rdb" ]; do
  sleep 1
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
done
final="$BACKUP_DIR/polylateral-$stamp.rdb"
partial="$BACKUP_DIR/.partial-$stamp.rdb"
trap 'rm -f "$partial"' EXIT
REDISCLI_AUTH=$(tr -d '\r\n' <"$REDIS_BACKUP_PASSWORD_FILE")
export REDISCLI_AUTH
# redis-cli exits non-zero when the sync is refused or breaks off.
if ! out=$(redis-cli -h "$host" -p "$port" --user "$REDIS_BACKUP_USER" --no-auth-warning \
  --rdb "$partial" 2>&1); then
  fail "redis-cli --rdb from $host:$port failed: $(echo "$out" | tail -n 1)"
fi
if ! check=$(redis-check-rdb "$partial" 2>&1); then
  fail "the snapshot from $host:$port does not check: $(echo "$check" | grep -v '^\[info\]' | tail -n 1)"
fi
keys=$(echo "$check" | sed -n 's/^\[info\] \([0-9]*\) keys read$/\1/p')
(cd "$BACKUP_DIR" && sha256sum ".partial-$stamp.rdb" | sed "s/\.partial-/polylateral-/" >"polylateral-$stamp.rdb.sha256")
mv "$partial" "$final"
trap - EXIT

# Retention: the newest BACKUP_KEEP (names sort by time).
find "$BACKUP_DIR" -maxdepth 1 -name 'polylateral-????????T??????Z.rdb' -printf '%f\n' | sort -r |
  tail -n +$((BACKUP_KEEP + 1)) | while read -r old; do
    rm -f "$BACKUP_DIR/$old" "$BACKUP_DIR/$old.sha256"
    echo "backup.sh: removed $old (keeping $BACKUP_KEEP)"
  done
echo "backup.sh: $final: ${keys:-?} keys, $(wc -c <"$final") bytes, from $host:$port"
