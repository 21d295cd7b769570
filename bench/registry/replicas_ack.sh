#!/usr/bin/env bash
# What waiting for a replica costs a write: registry CreateStakeholder against a Redis primary
# with one replica, by a registry with --redis_min_replicas_ack=1 (every write followed by
# WAIT 1) beside one without, same Redis, same load client, rounds alternated.
#   bench/registry/replicas_ack.sh <release build dir>
# Environment: BENCH_SECONDS (per round, default 5), BENCH_ROUNDS (default 3).
set -euo pipefail
build=$(cd "$1" && pwd)
source "$(dirname "$0")/../lib.sh"

seconds=${BENCH_SECONDS:-5}
rounds=${BENCH_ROUNDS:-3}
bin="$build/bench/registry"

bench_start_redis
mkdir -p "$BENCH_TMP/replica"
start_listening "$BENCH_TMP/replica/redis.log" 12000 redis-server --port @PORT@ --bind 127.0.0.1 \
  --dir "$BENCH_TMP/replica" --appendonly yes --appendfsync everysec --save "" \
  --replicaof 127.0.0.1 "$BENCH_REDIS_PORT" || { echo "the replica did not start" >&2; exit 1; }
BENCH_PIDS+=("$STARTED_PID")
for ((i = 0; i < 200; i++)); do
  redis-cli -p "$BENCH_REDIS_PORT" INFO replication | grep -q "state=online" && break
  sleep 0.1
done
redis-cli -p "$BENCH_REDIS_PORT" INFO replication | grep -q "state=online" ||
  { echo "the replica never came online" >&2; exit 1; }

bench_start_service "$build/services/registry/polylateral-registry" plain_port plain_metrics
bench_start_service "$build/services/registry/polylateral-registry" ack_port ack_metrics \
  --redis_min_replicas_ack=1

results="$BENCH_TMP/results.tsv"
load() {  # load <label> <port>
  "$bin/polylateral-bench-client" --target="127.0.0.1:$2" --kind=create --label="$1" \
    --ids=200000 --duration="$seconds" --warmup=1 >>"$results"
}
for ((r = 0; r < rounds; r++)); do
  load "no-ack-$r" "$plain_port"
  load "ack-$r" "$ack_port"
done
non_ok=$(($(bench_non_ok "$plain_metrics") + $(bench_non_ok "$ack_metrics")))

summary() {  # summary <label prefix> -> "calls_per_s p50_us p99_us errors"
  awk -F'\t' -v l="$1" 'index($1, l) == 1 { n++; cps += $5; err += $3; p50[n] = $6; p99[n] = $7 }
    function med(a, n,   i, j, t) {
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    END { printf "%.0f %.0f %.0f %d", cps / n, med(p50, n), med(p99, n), err }' "$results"
}
read -r plain_cps plain_p50 plain_p99 plain_err <<<"$(summary no-ack-)"
read -r ack_cps ack_p50 ack_p99 ack_err <<<"$(summary ack-)"
ratio=$(awk -v a="$ack_cps" -v b="$plain_cps" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')

cat <<TABLE
### registry writes waiting for a replica ($rounds × ${seconds} s rounds at 32 concurrent calls; $(nproc) cores shared with the load client and both Redis processes)

| CreateStakeholder | calls/s | p50 µs | p99 µs | client errors |
|---|---:|---:|---:|---:|
| without --redis_min_replicas_ack | $plain_cps | $plain_p50 | $plain_p99 | $plain_err |
| with --redis_min_replicas_ack=1 (WAIT 1 after each write) | $ack_cps | $ack_p50 | $ack_p99 | $ack_err |

| goal | measured | verdict |
|---|---:|---|
| rate with ack=1 ≥ 0.5× without | ${ratio}× | $(bench_verdict "$ratio" ge 0.5) |
| calls answered with a non-OK code (server metrics) | $non_ok | $(bench_verdict "$non_ok" le 0) |
TABLE
