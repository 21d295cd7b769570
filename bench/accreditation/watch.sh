#!/usr/bin/env bash
# The WatchEvents benchmark: commit-to-watcher latency with 10 watchers while events are
# written at 100 per second (XADD to {acc}:events, as the scripts commit them), beside a
# direct XREAD BLOCK reader on the same Redis in the same run (the baseline: what reading the
# stream itself costs). Goal: p99 ≤ 50 ms.
#   bench/accreditation/watch.sh <release build dir>
# Environment: BENCH_WATCHERS (default 10), BENCH_EVENTS (default 1000), BENCH_RATE (events/s,
# default 100).
set -euo pipefail
build=$(cd "$1" && pwd)
source "$(dirname "$0")/../lib.sh"

watchers=${BENCH_WATCHERS:-10}
events=${BENCH_EVENTS:-1000}
rate=${BENCH_RATE:-100}

bench_start_redis
bench_start_service "$build/services/accreditation/polylateral-accreditation" acc_port acc_metrics \
  --max_streams_per_principal="$watchers"
results=$("$build/bench/accreditation/polylateral-bench-acc-watch" --target="127.0.0.1:$acc_port" \
  --redis="127.0.0.1:$BENCH_REDIS_PORT" --watchers="$watchers" --events="$events" --rate="$rate")

echo "### WatchEvents: commit to watcher ($events events at $rate/s)"
echo
echo "| reader | events received / expected | p50 ms | p99 ms | max ms |"
echo "|---|---:|---:|---:|---:|"
echo "$results" | awk -F'\t' '{ printf "| %s | %d / %d | %.2f | %.2f | %.2f |\n", $1, $3, $2, $4, $5, $6 }'
p99=$(echo "$results" | awk -F'\t' 'NR == 1 { print $5 }')
got=$(echo "$results" | awk -F'\t' 'NR == 1 { print ($3 == $2) ? 1 : 0 }')
echo
echo "| goal | measured | verdict |"
echo "|---|---:|---|"
echo "| every event reaches every watcher | $(echo "$results" | awk -F'\t' 'NR == 1 { print $3 " of " $2 }') | $(bench_verdict "$got" ge 1) |"
echo "| WatchEvents p99 ≤ 50 ms | $p99 ms | $(bench_verdict "$p99" le 50) |"
