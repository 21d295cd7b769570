#!/bin/sh
# Restores an RDB snapshot (deploy/redis/backup.sh's) into a stopped Redis's data directory, so
# that a redis-server started there with the AOF on (as polylateral runs it) holds exactly the
# snapshot: scripts/restore runs it for a local Redis; in Kubernetes it runs from the ConfigMap
# redis-scripts in a pod that mounts the primary's volume (docs/operations.md, "Backups").
#   restore.sh [--force] <snapshot.rdb> <data dir>
# The snapshot must pass redis-check-rdb (and match its .sha256 beside it, when there is one)
# before anything is touched. A private redis-server (unix socket only) then loads it and
# rewrites it as the AOF (CONFIG SET appendonly yes); nothing else changes the directory.
# Exit: 0 restored; 2 usage; 3 the snapshot is corrupt, truncated or not an RDB file;
# 4 a redis-server is running in the directory; 5 the directory holds data (--force moves it
# aside, into <dir>/replaced-<UTC time>/); 1 the restore itself failed.
set -eu
force=0
if [ "${1:-}" = --force ]; then
  force=1
  shift
fi
if [ $# -ne 2 ]; then
  echo "usage: restore.sh [--force] <snapshot.rdb> <data dir>" >&2
  exit 2
fi
rdb=$1
dir=$2
fail() {
  code=$1
  shift
  echo "restore: $*" >&2
  exit "$code"
}

if [ ! -f "$rdb" ] || [ ! -r "$rdb" ]; then fail 3 "$rdb: no such readable file"; fi
[ -s "$rdb" ] || fail 3 "$rdb: empty file, not an RDB snapshot; nothing was changed"
[ "$(head -c 5 "$rdb")" = REDIS ] || fail 3 "$rdb: not an RDB snapshot (no REDIS header); nothing was changed"
if ! check=$(redis-check-rdb "$rdb" 2>&1); then
  reason=$(echo "$check" | grep -E 'WARNING|error|Error|Unexpected|Wrong' | head -n 1)
  fail 3 "$rdb: not a complete RDB snapshot (redis-check-rdb: ${reason:-failed}); nothing was changed"
fi
keys=$(echo "$check" | sed -n 's/^\[info\] \([0-9]*\) keys read$/\1/p')
if [ -f "$rdb.sha256" ]; then
  want=$(cut -d' ' -f1 "$rdb.sha256")
  got=$(sha256sum "$rdb" | cut -d' ' -f1)
  [ "$want" = "$got" ] || fail 3 "$rdb: SHA-256 differs from $rdb.sha256 (a changed file); nothing was changed"
fi

mkdir -p "$dir"
dir=$(cd "$dir" && pwd -P)
# redis-server works in its --dir: a process whose working directory is this one is using it.
for p in /proc/[0-9]*; do
  if [ "$(readlink "$p/cwd" 2>/dev/null)" = "$dir" ] &&
    grep -q redis-server "$p/cmdline" 2>/dev/null; then
    fail 4 "a redis-server (pid ${p#/proc/}) is running in $dir: stop it first"
  fi
done
existing=$(find "$dir" -mindepth 1 -maxdepth 1 ! -name 'replaced-*' ! -name restore.log -printf '%f\n')
if [ -n "$existing" ]; then
  [ "$force" = 1 ] || fail 5 "$dir holds data ($(echo "$existing" | tr '\n' ' ')): pass --force to move it aside and restore"
  aside="$dir/replaced-$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir "$aside"
  echo "$existing" | while read -r f; do mv "$dir/$f" "$aside/"; done
  echo "restore: moved what $dir held into $aside"
fi

cp "$rdb" "$dir/restore.rdb"
sock="$dir/restore.sock"
redis-server --port 0 --unixsocket "$sock" --unixsocketperm 700 --dir "$dir" \
  --dbfilename restore.rdb --appendonly no --save "" --logfile "$dir/restore.log" \
  --daemonize no &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
cli() { redis-cli -s "$sock" "$@"; }
# PING answers LOADING until the snapshot is in memory.
i=0
until [ "$(cli ping 2>/dev/null)" = PONG ]; do
  kill -0 "$pid" 2>/dev/null || fail 1 "redis-server could not load $rdb (see $dir/restore.log)"
  i=$((i + 1))
  [ $i -lt 6000 ] || fail 1 "redis-server did not load $rdb within 10 minutes (see $dir/restore.log)"
  sleep 0.1
done
loaded=$(cli dbsize)
[ -z "$keys" ] || [ "$loaded" = "$keys" ] ||
  fail 1 "loaded $loaded keys but the snapshot holds $keys (see $dir/restore.log)"
# Turning the AOF on writes the whole dataset as its base file; done when no rewrite runs or
# waits and the last one succeeded.
[ "$(cli config set appendonly yes)" = OK ] || fail 1 "CONFIG SET appendonly yes failed"
until cli info persistence | tr -d '\r' | grep -q '^aof_rewrite_in_progress:0$' &&
  cli info persistence | tr -d '\r' | grep -q '^aof_rewrite_scheduled:0$'; do
  sleep 0.1
done
cli info persistence | tr -d '\r' | grep -q '^aof_last_bgrewrite_status:ok$' ||
  fail 1 "writing the AOF failed (see $dir/restore.log)"
# SHUTDOWN fsyncs the AOF; NOSAVE: no RDB besides it.
cli shutdown nosave >/dev/null 2>&1 || true
wait "$pid" || true
trap - EXIT
rm -f "$dir/restore.rdb" "$sock"
[ -f "$dir/appendonlydir/appendonly.aof.manifest" ] || fail 1 "no AOF was written in $dir (see $dir/restore.log)"
rm -f "$dir/restore.log"
echo "restore: $loaded keys from $rdb are in $dir (AOF in appendonlydir); start Redis there with --appendonly yes"
