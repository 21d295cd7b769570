#!/usr/bin/env bash
# Runs one client example (python | node) against real services over mutual TLS and checks
# what it printed: the registry, accreditation and routing binaries ($2..$4) on free loopback
# ports with certificates from scripts/dev-ca, a private redis-server with the suite's ACL
# users; everything started here is stopped on exit. $5: the generated Python modules.
#   examples/run_example_test.sh python|node <registry> <accreditation> <routing> <python gen dir>
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
lang=$1 registry=$2 accreditation=$3 routing=$4 pygen=$5
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
  echo "--- example output:" >&2
  cat "$tmp/out.txt" >&2 || true
  for log in "$tmp"/*.log; do echo "--- $log" >&2; tail -20 "$log" >&2; done
  exit 1
}

redis_acl_setup "$tmp/redis-acl"
start_listening "$tmp/redis.log" 21000 redis-server --port @PORT@ --bind 127.0.0.1 --dir "$tmp" \
  --save "" --appendonly no --daemonize no "${REDIS_ACL_ARGS[@]}" || fail "redis did not start"
pids+=("$STARTED_PID")
redis_port=$STARTED_PORT
tls="$tmp/tls"
scripts/dev-ca -d "$tls" operator:ops service:registry service:accreditation service:routing \
  secretariat:example-process stakeholder:example-ngo stakeholder:example-lab state:FR >/dev/null

# start <name> <binary> [flags...]: sets <name>_port.
start() {
  local name=$1 bin=$2
  shift 2
  redis_auth_flags "$name"
  start_listening "$tmp/$name.log" 11000 "$bin" --listen=127.0.0.1:@PORT@ \
    --metrics_listen=127.0.0.1:@PORT2@ --health_listen=off --redis="127.0.0.1:$redis_port" \
    "${REDIS_AUTH_FLAGS[@]}" --tls_cert="$tls/service-$name.crt" --tls_key="$tls/service-$name.key" \
    --tls_client_ca="$tls/ca.crt" --tls_ca="$tls/ca.crt" "$@" || fail "$name did not start"
  pids+=("$STARTED_PID")
  printf -v "${name}_port" '%s' "$STARTED_PORT"
}
start registry "$registry"
start accreditation "$accreditation" --registry="localhost:$registry_port"
start routing "$routing" --registry="localhost:$registry_port" \
  --accreditation="localhost:$accreditation_port"

targets=(--tls "$tls" --registry "localhost:$registry_port"
  --accreditation "localhost:$accreditation_port" --routing "localhost:$routing_port")
case $lang in
  python) PYTHONPATH="$pygen" timeout 60 /usr/bin/python3 examples/python/polylateral_example.py \
    "${targets[@]}" >"$tmp/out.txt" 2>&1 || fail "the python example exited with $?" ;;
  node)
    [[ -d tests/node/node_modules ]] || fail "tests/node/node_modules missing: run scripts/setup"
    timeout 60 node examples/node/polylateral_example.mjs "${targets[@]}" >"$tmp/out.txt" 2>&1 ||
      fail "the node example exited with $?" ;;
  *) fail "unknown example $lang" ;;
esac

# Each step must have happened, with the answer the scenario implies.
expect() { grep -qE "$1" "$tmp/out.txt" || fail "no line matching: $1"; }
expect '^registered stakeholders/example-ngo$'
expect '^registered stakeholders/example-lab$'
expect '^process processes/example-process$'
expect '^application example-ngo ecosoc-general: APPROVED$'
expect '^application example-lab non-objection: IN_NOTICE$'
expect '^objection by states/FR: lodged, objections now 1$'
expect '^access example-ngo WRITTEN_INPUT: allowed$'
expect '^access example-lab WRITTEN_INPUT: denied NOT_ACCREDITED$'
input=$(sed -nE 's#^submitted (inputs/[^ ]+) -> processes/example-process/.*#\1#p' "$tmp/out.txt" | head -1)
[[ -n $input ]] || fail "no input routed into the process"
expect "^pulled $input from processes/example-process/[^ ]+ delivery [0-9]+-[0-9]+$"
expect '^acked [0-9]+-[0-9]+: true$'
echo "example $lang: ok ($input pulled and acknowledged)"
cat "$tmp/out.txt"
