#!/usr/bin/env bash
# Runs the Node.js client test against a real registry binary ($1) and a private redis-server,
# both on free loopback ports; stops both on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh
bin=${1:-${POLYLATERAL_REGISTRY_BIN:-build/release/services/registry/polylateral-registry}}
if [[ ! -d tests/node/node_modules ]]; then
  echo "tests/node/node_modules missing: run scripts/setup first" >&2
  exit 1
fi
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

# Below 32768: Linux hands out 32768-60999 as ephemeral ports to outgoing connections, which
# can take a port between the check and the bind.
port=$(free_port $((10000 + RANDOM % 9000)))
metrics=$(free_port $((port + 1)))
"$bin" --listen="127.0.0.1:$port" --metrics_listen="127.0.0.1:$metrics" \
  --redis="127.0.0.1:$redis_port" 2>"$tmp/registry.log" &
pids+=($!)
wait_for_port "$port" 20 || { cat "$tmp/registry.log"; exit 1; }

POLYLATERAL_REGISTRY="127.0.0.1:$port" node --test tests/node/registry_client.test.mjs
