#!/usr/bin/env bash
# Loads the demo data twice into a real registry on a private redis-server: the first run
# creates every process and stakeholder, the second creates nothing (idempotent request ids),
# a third with another seed stops at the first name clash.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh
registry_bin=$1
loader_bin=$2
tmp=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  echo "--- registry log" >&2
  cat "$tmp/registry.log" >&2 || true
  exit 1
}
redis_acl_setup "$tmp/redis-acl"
start_listening "$tmp/redis.log" 20000 redis-server --port @PORT@ --bind 127.0.0.1 --dir "$tmp" \
  --save "" --appendonly no --daemonize no "${REDIS_ACL_ARGS[@]}" ||
  fail "redis-server did not start"
pids+=("$STARTED_PID")
redis_port=$STARTED_PORT
redis_auth_flags registry
start_listening "$tmp/registry.log" 10000 "$registry_bin" --listen=127.0.0.1:@PORT@ --health_listen=off \
  --metrics_listen=127.0.0.1:@PORT2@ --redis="127.0.0.1:$redis_port" "${REDIS_AUTH_FLAGS[@]}" ||
  fail "registry did not start"
pids+=("$STARTED_PID")
port=$STARTED_PORT

first=$("$loader_bin" --registry="127.0.0.1:$port" --stakeholders=120) || fail "first load"
echo "$first"
second=$("$loader_bin" --registry="127.0.0.1:$port" --stakeholders=120) || fail "second load"
echo "$second"
expect() {
  [[ $1 == "$2" ]] || fail "expected '$2', got '$1'"
}
expect "$first" "demo data: processes 7 created, 0 existing; stakeholders 120 created, 0 existing"
expect "$second" "demo data: processes 0 created, 7 existing; stakeholders 0 created, 120 existing"

# Another seed draws some of the same names in the same countries: the loader stops at the
# first clash and names it, instead of counting the clash as an existing stakeholder.
if other=$("$loader_bin" --registry="127.0.0.1:$port" --stakeholders=120 --seed=2 2>&1); then
  fail "seed 2 loaded over seed 1: $other"
fi
[[ $other == *DUPLICATE_STAKEHOLDER_NAME* ]] || fail "seed 2: expected a name clash, got '$other'"
echo "PASS"
