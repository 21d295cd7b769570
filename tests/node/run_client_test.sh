#!/usr/bin/env bash
# Runs the Node.js client test against a real registry binary ($1) serving mutual TLS with
# certificates from scripts/dev-ca, and a private redis-server, both on free loopback ports;
# stops both on exit.
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

redis_acl_setup "$tmp/redis-acl"
start_listening "$tmp/redis.log" 20000 redis-server --port @PORT@ --bind 127.0.0.1 --dir "$tmp" \
  --save "" --appendonly no --daemonize no "${REDIS_ACL_ARGS[@]}" ||
  { cat "$tmp/redis.log"; exit 1; }
pids+=("$STARTED_PID")
redis_port=$STARTED_PORT
tls="$tmp/tls"
scripts/dev-ca -d "$tls" service:registry operator:node-client state:FR >/dev/null
# Signed by the same CA for another trust domain: the registry sees an anonymous caller.
scripts/dev-ca -d "$tls" -t elsewhere operator:elsewhere >/dev/null
redis_auth_flags registry
start_listening "$tmp/registry.log" 10000 "$bin" --listen=127.0.0.1:@PORT@ \
  --metrics_listen=127.0.0.1:@PORT2@ --health_listen=off --redis="127.0.0.1:$redis_port" \
  "${REDIS_AUTH_FLAGS[@]}" --tls_cert="$tls/service-registry.crt" \
  --tls_key="$tls/service-registry.key" --tls_client_ca="$tls/ca.crt" ||
  { cat "$tmp/registry.log"; exit 1; }
pids+=("$STARTED_PID")
port=$STARTED_PORT

POLYLATERAL_REGISTRY="localhost:$port" POLYLATERAL_TLS_DIR="$tls" node --test tests/node/registry_client.test.mjs
