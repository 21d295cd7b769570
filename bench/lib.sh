# Shared by the bench/*/run.sh scripts. Source it; do not run it.
# Each run.sh takes the Release build directory as $1, starts what it measures (its own
# redis-server and services on free loopback ports), prints a markdown table on stdout, and
# stops everything it started, even when interrupted.

source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

BENCH_PIDS=()
BENCH_TMP=$(mktemp -d -t polylateral-bench.XXXXXX)

bench_cleanup() {
  for pid in "${BENCH_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${BENCH_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$BENCH_TMP"
}
trap bench_cleanup EXIT INT TERM

# Starts a private redis-server with the production persistence settings (AOF, fsync every
# second) and sets BENCH_REDIS_PORT.
bench_start_redis() {
  mkdir -p "$BENCH_TMP/redis"
  start_listening "$BENCH_TMP/redis/redis.log" 12000 redis-server --port @PORT@ \
    --bind 127.0.0.1 --dir "$BENCH_TMP/redis" --appendonly yes --appendfsync everysec \
    --save "" --daemonize no || { echo "redis-server did not start" >&2; exit 1; }
  BENCH_PIDS+=("$STARTED_PID")
  BENCH_REDIS_PORT=$STARTED_PORT
}

# bench_start_service <binary> <var name for the gRPC port> <var name for the metrics port>
# [extra flags...]: starts a service against the private Redis and waits for its ports; sets
# the two variables and BENCH_LAST_PID. Without the per-caller write rate limit: benchmarks
# measure capacity, and some drive thousands of writes through one state or author. The
# plaintext health port is off: its fixed default would clash with a running suite and with
# a second instance of the same service.
bench_start_service() {
  local binary=$1 port_var=$2 metrics_var=$3
  shift 3
  start_listening "$BENCH_TMP/$(basename "$binary")-$port_var.log" 12000 "$binary" \
    --listen=127.0.0.1:@PORT@ --metrics_listen=127.0.0.1:@PORT2@ --health_listen=off \
    --redis="127.0.0.1:$BENCH_REDIS_PORT" --write_rate=0 "$@" || { echo "$binary did not start" >&2; exit 1; }
  BENCH_LAST_PID=$STARTED_PID
  BENCH_PIDS+=("$BENCH_LAST_PID")
  wait_for_port "$STARTED_PORT2" 20 || { echo "$binary metrics did not start" >&2; exit 1; }
  printf -v "$port_var" '%s' "$STARTED_PORT"
  printf -v "$metrics_var" '%s' "$STARTED_PORT2"
}

# A private CA and certificates (scripts/dev-ca) for mutual TLS: bench_tls_setup <service...>
# issues one per named service and operator:bench for the load client, and sets
# BENCH_TLS_CLIENT (the load client's flags: the operator's certificate, the CA).
bench_tls_setup() {
  BENCH_TLS_DIR=$BENCH_TMP/tls
  local principals=(operator:bench) name
  for name in "$@"; do principals+=("service:$name"); done
  "$POLYLATERAL_ROOT/scripts/dev-ca" -d "$BENCH_TLS_DIR" "${principals[@]}" >/dev/null
  # shellcheck disable=SC2034  # read by the run.sh scripts
  BENCH_TLS_CLIENT=(--tls_cert="$BENCH_TLS_DIR/operator-bench.crt"
    --tls_key="$BENCH_TLS_DIR/operator-bench.key" --tls_ca="$BENCH_TLS_DIR/ca.crt")
}

# The server flags of service <name> under mutual TLS (its certificate; callers' and
# upstreams' CA): bench_tls_server <name>, sets BENCH_TLS_SERVER.
bench_tls_server() {
  # shellcheck disable=SC2034  # read by the run.sh scripts
  BENCH_TLS_SERVER=(--tls_cert="$BENCH_TLS_DIR/service-$1.crt"
    --tls_key="$BENCH_TLS_DIR/service-$1.key" --tls_client_ca="$BENCH_TLS_DIR/ca.crt"
    --tls_ca="$BENCH_TLS_DIR/ca.crt")
}

# Resident memory of a process in MiB: bench_rss_mib <pid> <VmRSS|VmHWM>
bench_rss_mib() {
  awk -v k="$2:" '$1 == k { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

# Calls that a service answered with a code other than OK, from its own metrics (the load
# client's count is checked too; this is the server's word): bench_non_ok <metrics port>
bench_non_ok() {
  curl -fsS "http://127.0.0.1:$1/metrics" |
    awk '/^grpc_server_handled_total\{/ && !/grpc_code="OK"/ { n += $NF } END { printf "%d", n }'
}

# pass/fail for "value <op> limit": bench_verdict <value> <op: le|ge> <limit>
bench_verdict() {
  awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
    ok = (op == "le") ? (v <= l) : (v >= l); print ok ? "pass" : "FAIL" }'
}
