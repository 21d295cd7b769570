#!/usr/bin/env bash
# Loads the demo data twice into a real registry on a private redis-server: the first run
# creates every process and stakeholder, the second creates nothing (idempotent request ids).
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

redis_port=$(free_port $((20000 + RANDOM % 10000)))
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$tmp" --save "" --appendonly no \
  --daemonize no >"$tmp/redis.log" 2>&1 &
pids+=($!)
wait_for_port "$redis_port" 20
port=$(free_port $((30000 + RANDOM % 10000)))
"$registry_bin" --listen="127.0.0.1:$port" --metrics_listen="127.0.0.1:$(free_port $((port + 1)))" --redis="127.0.0.1:$redis_port" \
  2>"$tmp/registry.log" &
pids+=($!)

first=$("$loader_bin" --registry="127.0.0.1:$port" --stakeholders=120)
echo "$first"
second=$("$loader_bin" --registry="127.0.0.1:$port" --stakeholders=120)
echo "$second"
expect() {
  if [[ $1 != "$2" ]]; then
    echo "FAIL: expected '$2', got '$1'" >&2
    exit 1
  fi
}
expect "$first" "demo data: processes 7 created, 0 existing; stakeholders 120 created, 0 existing"
expect "$second" "demo data: processes 0 created, 7 existing; stakeholders 0 created, 120 existing"
echo "PASS"
