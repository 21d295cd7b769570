#!/usr/bin/env bash
# Backups and restore as deployed, against real redis-server processes on loopback:
#  1. a primary and a replica with the suite's ACL users (scripts/redis-acl), the replica
#     replicating as `replication`, and a sentinel configured by deploy/redis/sentinel-conf.sh;
#  2. data written by each service's own ACL user (strings, hashes, sets, sorted sets, lists,
#     streams, a key with a TTL, a large value), acknowledged by the replica (WAIT 1);
#  3. deploy/redis/backup.sh run as the CronJob runs it (the sentinel names the replica, user
#     `backup`), three times with BACKUP_KEEP=2: two snapshots stay, taken from the replica;
#  4. scripts/restore of the newest into a fresh directory, a fresh redis-server started there
#     with the AOF on: the same keys, the same DEBUG DIGEST (every value and expiry), the key
#     written just before the last backup, values readable by the services' users;
#  5. refusals: a truncated and a non-RDB file (exit 3, nothing written), a directory holding
#     data without --force (5), a directory a redis-server runs in (4), bad backup settings (2);
#     the backup, replication and sentinel users may not read or write a key.
set -euo pipefail
src=${POLYLATERAL_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$src"
source scripts/lib.sh

tmp=$(mktemp -d)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  for f in "$tmp"/*.log "$tmp"/*/*.log; do
    [[ -f $f ]] && { echo "--- $f (tail)" >&2; tail -n 20 "$f" >&2; }
  done
  exit 1
}
# expect_exit <code> <text in stderr> <command...>
expect_exit() {
  local want=$1 text=$2 rc=0
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
  [[ $rc == "$want" ]] || fail "$* exited $rc, not $want: $(cat "$tmp/err")"
  grep -qF -- "$text" "$tmp/err" || fail "$* did not say '$text': $(cat "$tmp/err")"
  echo "ok: exit $rc: $(head -n 1 "$tmp/err")"
}

echo "== Redis: primary, replica, sentinel"
redis_acl_setup "$tmp/acl"
acl=$tmp/acl
node_args=(--bind 127.0.0.1 --appendonly yes --appendfsync always --save ""
  --enable-debug-command local --aclfile "$acl/users.acl"
  --masteruser replication --masterauth "$(<"$acl/replication")")
mkdir -p "$tmp/primary" "$tmp/replica" "$tmp/sentinel" "$tmp/backups"
start_listening "$tmp/primary.log" 20000 redis-server --port @PORT@ --dir "$tmp/primary" \
  "${node_args[@]}" || fail "the primary did not start"
pids+=("$STARTED_PID")
primary=$STARTED_PORT
# No diskless-sync delay on the replica: each backup would wait 5 s for company.
start_listening "$tmp/replica.log" 20000 redis-server --port @PORT@ --dir "$tmp/replica" \
  "${node_args[@]}" --repl-diskless-sync-delay 0 --replicaof 127.0.0.1 "$primary" ||
  fail "the replica did not start"
pids+=("$STARTED_PID")
replica=$STARTED_PORT
SENTINEL_DIR=$tmp/sentinel SENTINEL_BIND=127.0.0.1 SENTINEL_PASSWORD_FILE=$acl/sentinel \
  MASTER_HOST=127.0.0.1 MASTER_PORT=$primary QUORUM=1 \
  deploy/redis/sentinel-conf.sh >"$tmp/sentinel/sentinel.conf"
start_listening "$tmp/sentinel.log" 20000 redis-server "$tmp/sentinel/sentinel.conf" --sentinel \
  --port @PORT@ || fail "the sentinel did not start"
pids+=("$STARTED_PID")
sentinel=$STARTED_PORT
for ((i = 0; i < 300; i++)); do
  redis_admin_cli -p "$replica" info replication | grep -q '^master_link_status:up' && break
  sleep 0.1
done
redis_admin_cli -p "$replica" info replication | grep -q '^master_link_status:up' ||
  fail "the replica did not sync as user replication"

echo "== data written by the services' users"
# as <user> <commands file>: one connection, so the closing WAIT covers every write before it.
as() {
  local out
  out=$(REDISCLI_AUTH=$(<"$acl/$1") redis-cli -p "$primary" --user "$1" --no-auth-warning <"$2") ||
    fail "writing as $1 failed"
  if grep -q -e '^ERR' -e '^NOPERM' -e '^WRONGPASS' <<<"$out"; then fail "writing as $1: $out"; fi
  [[ $(tail -n 1 <<<"$out") == 1 ]] || fail "the replica did not acknowledge $1's writes"
}
big=$(head -c 60000 /dev/zero | tr '\0' x)
{
  for i in $(seq 1 300); do echo "SET {reg}:sh:$i \"stakeholder $i\""; done
  echo "HSET {reg}:pr:igf name \"Internet Governance Forum\" region GLOBAL"
  echo "SADD {reg}:ix:africa sh1 sh2 sh3"
  echo "ZADD {reg}:ix:names 0 alpha 0 beta 0 gamma"
  echo "SET {reg}:rq:x \"Genève – ünïcode ✓\""
  echo "PEXPIRE {reg}:rq:x 3600000"
  echo "SET {reg}:big $big"
  echo "WAIT 1 5000"
} >"$tmp/registry.cmds"
as registry "$tmp/registry.cmds"
printf '%s\n' 'XADD {acc}:events * kind decided application a1' 'ZADD {acc}:due 1700000000 a1' \
  'HSET {acc}:app:igf:a1 state PENDING' 'WAIT 1 5000' >"$tmp/accreditation.cmds"
as accreditation "$tmp/accreditation.cmds"
printf '%s\n' 'HSET comp:{igf}:bd:b1 seats 12' 'RPUSH comp:{igf}:audit e1 e2' 'WAIT 1 5000' \
  >"$tmp/composition.cmds"
as composition "$tmp/composition.cmds"
printf '%s\n' 'RPUSH {rt}:inbox:d i1 i2' 'HSET {rt}:in:1 text hello' 'XADD {rt}:x * a b' \
  'WAIT 1 5000' >"$tmp/routing.cmds"
as routing "$tmp/routing.cmds"

echo "== backups, as the CronJob takes them"
backup() {
  REDIS_SENTINELS=127.0.0.1:$sentinel REDIS_MASTER_NAME=polylateral \
    REDIS_BACKUP_PASSWORD_FILE=$acl/backup BACKUP_DIR=$tmp/backups BACKUP_KEEP=2 \
    deploy/redis/backup.sh >>"$tmp/backup.out" 2>&1 || { cat "$tmp/backup.out" >&2; fail "backup.sh failed"; }
}
# The sentinel learns of the replica from the primary's INFO, and of its link from the
# replica's own INFO, within about 10 s each: wait until it names the replica as backup.sh
# wants it (flags exactly "slave", link "ok").
replica_ready() {
  local out
  out=$(redis-cli -p "$sentinel" --raw sentinel replicas polylateral 2>/dev/null)
  grep -qx "$replica" <<<"$out" && grep -A1 -x flags <<<"$out" | grep -qx slave &&
    grep -A1 -x master-link-status <<<"$out" | grep -qx ok
}
for ((i = 0; i < 300; i++)); do
  replica_ready && break
  sleep 0.1
done
backup
backup
printf '%s\n' 'SET {reg}:sh:last "written before the last backup"' 'WAIT 1 5000' >"$tmp/last.cmds"
as registry "$tmp/last.cmds"
backup
cat "$tmp/backup.out"
mapfile -t snapshots < <(find "$tmp/backups" -maxdepth 1 -name 'polylateral-*.rdb' | sort)
[[ ${#snapshots[@]} == 2 ]] || fail "BACKUP_KEEP=2 kept ${#snapshots[@]} snapshots: ${snapshots[*]}"
[[ $(find "$tmp/backups" -name '*.sha256' | wc -l) == 2 ]] || fail "not one .sha256 per snapshot"
[[ -z $(find "$tmp/backups" -name '.partial-*') ]] || fail "a partial snapshot was left behind"
[[ $(grep -c "from 127.0.0.1:$replica\$" "$tmp/backup.out") == 3 ]] ||
  fail "the backups were not all taken from the replica ($replica)"
[[ $(grep -c '^backup.sh: removed' "$tmp/backup.out") == 1 ]] || fail "retention removed not exactly one"
newest=${snapshots[1]}

echo "== restore into a fresh Redis"
scripts/restore "$newest" "$tmp/restored" || fail "scripts/restore failed"
start_listening "$tmp/restored.log" 20000 redis-server --port @PORT@ --dir "$tmp/restored" \
  --bind 127.0.0.1 --appendonly yes --save "" --enable-debug-command local \
  --aclfile "$acl/users.acl" || fail "Redis did not start on the restored data"
pids+=("$STARTED_PID")
restored=$STARTED_PORT
keys() { redis_admin_cli -p "$1" --raw keys '*' | sort; }
keys "$primary" >"$tmp/keys.primary"
keys "$restored" >"$tmp/keys.restored"
diff "$tmp/keys.primary" "$tmp/keys.restored" || fail "the restored keys differ"
n=$(wc -l <"$tmp/keys.restored")
[[ $n -ge 314 ]] || fail "only $n keys restored"
# DEBUG DIGEST hashes every key, value and expiry of the dataset.
digest_primary=$(redis_admin_cli -p "$primary" debug digest)
digest_restored=$(redis_admin_cli -p "$restored" debug digest)
[[ $digest_primary == "$digest_restored" && $digest_primary != 0000000000000000000000000000000000000000 ]] ||
  fail "DEBUG DIGEST differs: primary $digest_primary, restored $digest_restored"
ttl=$(redis_admin_cli -p "$restored" pttl '{reg}:rq:x')
[[ $ttl -gt 0 ]] || fail "the key's TTL was lost ($ttl)"
got=$(REDISCLI_AUTH=$(<"$acl/registry") redis-cli -p "$restored" --user registry --no-auth-warning \
  get '{reg}:sh:last')
[[ $got == "written before the last backup" ]] || fail "the registry user reads '$got'"
got=$(REDISCLI_AUTH=$(<"$acl/routing") redis-cli -p "$restored" --user routing --no-auth-warning \
  lrange '{rt}:inbox:d' 0 -1 | tr '\n' ' ')
[[ $got == "i1 i2 " ]] || fail "the routing user reads '$got'"
echo "ok: $n keys, digest $digest_restored"

echo "== refusals"
half=$(($(stat -c %s "$newest") / 2))
head -c "$half" "$newest" >"$tmp/truncated.rdb"
expect_exit 3 "not a complete RDB snapshot" scripts/restore "$tmp/truncated.rdb" "$tmp/fresh"
[[ ! -e $tmp/fresh || -z $(ls -A "$tmp/fresh") ]] || fail "a refused restore wrote to the directory"
echo "not a snapshot" >"$tmp/text.rdb"
expect_exit 3 "not an RDB snapshot" scripts/restore "$tmp/text.rdb" "$tmp/fresh"
cp "$newest" "$tmp/changed.rdb"
printf 'x' | dd of="$tmp/changed.rdb" bs=1 seek=$((half)) conv=notrunc status=none
expect_exit 3 "not a complete RDB snapshot" scripts/restore "$tmp/changed.rdb" "$tmp/fresh"
# A valid RDB that is not the file its .sha256 was taken of.
cp "${snapshots[0]}" "$tmp/other.rdb"
sed 's/^[0-9a-f]*/'"$(sha256sum "$newest" | cut -d' ' -f1)"'/' "${snapshots[0]}.sha256" >"$tmp/other.rdb.sha256"
expect_exit 3 "SHA-256 differs" scripts/restore "$tmp/other.rdb" "$tmp/fresh"
expect_exit 4 "is running in" scripts/restore "$newest" "$tmp/restored"
mkdir -p "$tmp/holds"
cp -r "$tmp/primary/appendonlydir" "$tmp/holds/"
expect_exit 5 "pass --force" scripts/restore "$newest" "$tmp/holds"
expect_exit 2 "BACKUP_KEEP" env REDIS_SOURCE="127.0.0.1:$replica" \
  REDIS_BACKUP_PASSWORD_FILE="$acl/backup" BACKUP_DIR="$tmp/backups" BACKUP_KEEP=0 deploy/redis/backup.sh
# The backup, replication and sentinel users may not touch a key by command.
for user in backup replication sentinel; do
  for cmd in "get {reg}:sh:1" "set {reg}:sh:1 x" "keys *" "flushall"; do
    read -ra words <<<"$cmd"
    out=$(REDISCLI_AUTH=$(<"$acl/$user") redis-cli -p "$primary" --user "$user" --no-auth-warning "${words[@]}")
    [[ $out == NOPERM* ]] || fail "the $user user may run '$cmd': $out"
  done
done
echo "PASS"
