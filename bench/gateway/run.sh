#!/usr/bin/env bash
# The gateway's benchmark: GetStakeholder through the HTTP/JSON gateway (h2load, HTTP/1.1
# keep-alive) beside the same call over gRPC straight to the registry (the registry's load
# client), same registry, same stakeholders, same concurrency, alternating rounds in one run;
# both plaintext and with the gateway calling the registry over mutual TLS. Then the HTTP
# server comparison the gateway's server was chosen by: the same JSON answer from cpp-httplib
# and from civetweb.
#   bench/gateway/run.sh <release build dir>
# Environment: BENCH_SECONDS (per round, default 5), BENCH_ROUNDS (default 3),
# BENCH_CONCURRENCY (default 32).
set -euo pipefail
build=$(cd "$1" && pwd)
source "$(dirname "$0")/../lib.sh"

seconds=${BENCH_SECONDS:-5}
rounds=${BENCH_ROUNDS:-3}
conc=${BENCH_CONCURRENCY:-32}
ids=1000
rbin="$build/bench/registry"
gateway="$build/services/gateway/polylateral-gateway"

bench_start_redis
"$rbin/polylateral-bench-load" --redis="127.0.0.1:$BENCH_REDIS_PORT" --to="$ids"
bench_start_service "$build/services/registry/polylateral-registry" reg_port reg_metrics
bench_tls_setup registry gateway
bench_tls_server registry
bench_start_service "$build/services/registry/polylateral-registry" tls_port tls_metrics \
  "${BENCH_TLS_SERVER[@]}"

start_gateway() {  # start_gateway <port var> <registry port> [flags...]
  local var=$1 upstream=$2
  shift 2
  start_listening "$BENCH_TMP/gateway-$var.log" 14000 "$gateway" --http_listen=127.0.0.1:@PORT@ \
    --metrics_listen=127.0.0.1:@PORT2@ --registry="127.0.0.1:$upstream" --threads="$conc" "$@" ||
    { echo "gateway did not start" >&2; exit 1; }
  BENCH_PIDS+=("$STARTED_PID")
  printf -v "$var" '%s' "$STARTED_PORT"
}
start_gateway gw_port "$reg_port"
start_gateway gw_tls_port "$tls_port" --tls_cert="$BENCH_TLS_DIR/service-gateway.crt" \
  --tls_key="$BENCH_TLS_DIR/service-gateway.key" --tls_ca="$BENCH_TLS_DIR/ca.crt"

results="$BENCH_TMP/results.tsv"
grpc_load() {  # grpc_load <label> <port> [flags...]
  local label=$1 port=$2
  shift 2
  "$rbin/polylateral-bench-client" --target="127.0.0.1:$port" --kind=get --label="$label" \
    --ids="$ids" --concurrency="$conc" --duration="$seconds" --warmup=1 "$@" >>"$results"
}
# h2load over HTTP/1.1, one connection per concurrent request (as a browser or a portal
# backend with a connection pool would), cycling through the same stakeholders.
http_load() {  # http_load <label> <port>
  local label=$1 port=$2 out
  : >"$BENCH_TMP/uris"
  for ((i = 0; i < ids; i++)); do
    echo "http://127.0.0.1:$port/v1/stakeholders/bench-$i" >>"$BENCH_TMP/uris"
  done
  out=$(h2load --h1 -c "$conc" -m 1 -D "$seconds" --warm-up-time=1 -i "$BENCH_TMP/uris" 2>&1)
  awk -v l="$label" -v s="$seconds" '
    /^finished in/ { rps = $4 }
    /^status codes:/ { ok = $3; bad = $5 + $7 + $9 }
    /^requests:/ { failed = $10 + $12 }
    /^time for request:/ { p50 = $6 }
    END { printf "%s\t%d\t%d\t%.1f\t%.0f\t%s\t-\n", l, ok, bad + failed, s, rps, p50 }' <<<"$out" >>"$results"
}

for ((r = 0; r < rounds; r++)); do
  grpc_load grpc "$reg_port"
  http_load http "$gw_port"
  grpc_load grpc-tls "$tls_port" "${BENCH_TLS_CLIENT[@]}"
  http_load http-tls "$gw_tls_port"
done

# The HTTP servers alone: the same ~300-byte JSON answer, same h2load, alternating.
servers="$build/bench/gateway/polylateral-bench-http-servers"
for server in httplib civetweb; do
  start_listening "$BENCH_TMP/$server.log" 16000 "$servers" --server="$server" --port=@PORT@ \
    --threads="$conc" || { echo "$server did not start" >&2; exit 1; }
  BENCH_PIDS+=("$STARTED_PID")
  printf -v "port_$server" '%s' "$STARTED_PORT"
done
for ((r = 0; r < rounds; r++)); do
  http_load server-httplib "$port_httplib"
  http_load server-civetweb "$port_civetweb"
done

summary() {  # summary <label> -> "calls_per_s errors"
  awk -F'\t' -v l="$1" '$1 == l { n++; cps += $5; err += $3 }
    END { printf "%.0f %d", (n > 0) ? cps / n : 0, err }' "$results"
}
read -r grpc_cps grpc_err <<<"$(summary grpc)"
read -r http_cps http_err <<<"$(summary http)"
read -r grpc_tls_cps grpc_tls_err <<<"$(summary grpc-tls)"
read -r http_tls_cps http_tls_err <<<"$(summary http-tls)"
read -r httplib_cps httplib_err <<<"$(summary server-httplib)"
read -r civet_cps civet_err <<<"$(summary server-civetweb)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }
plain_ratio=$(ratio "$http_cps" "$grpc_cps")
tls_ratio=$(ratio "$http_tls_cps" "$grpc_tls_cps")
server_ratio=$(ratio "$civet_cps" "$httplib_cps")
non_ok=$(($(bench_non_ok "$reg_metrics") + $(bench_non_ok "$tls_metrics")))

cat <<TABLE
### gateway ($rounds × ${seconds} s rounds at $conc concurrent requests; $(nproc) cores shared by the load client, the gateway, the registry and Redis)

| path | calls/s | errors |
|---|---:|---:|
| GetStakeholder, gRPC straight to the registry | $grpc_cps | $grpc_err |
| GET /v1/stakeholders/{id} through the gateway | $http_cps | $http_err |
| GetStakeholder, gRPC over mTLS | $grpc_tls_cps | $grpc_tls_err |
| GET through the gateway, gateway → registry over mTLS | $http_tls_cps | $http_tls_err |
| HTTP server alone: cpp-httplib, fixed JSON | $httplib_cps | $httplib_err |
| HTTP server alone: civetweb, fixed JSON | $civet_cps | $civet_err |

| goal | measured | verdict |
|---|---:|---|
| gateway ≥ 0.5× gRPC (plaintext) | ${plain_ratio}× | $(bench_verdict "$plain_ratio" ge 0.5) |
| gateway ≥ 0.5× gRPC (mTLS) | ${tls_ratio}× | $(bench_verdict "$tls_ratio" ge 0.5) |
| registry calls answered non-OK (server metrics) | $non_ok | $(bench_verdict "$non_ok" le 0) |

civetweb / cpp-httplib on the same answer: ${server_ratio}×.
TABLE
