#!/usr/bin/env bash
# WatchEvents: how long a committed change takes to reach a watcher. Starts Redis, the
# registry, accreditation and routing (Release build), sets up a process and accredited
# authors (polylateral-bench-submit --setup), opens BENCH_WATCHERS (default 10) WatchEvents
# streams and submits inputs at BENCH_RATE per second (default 100) for BENCH_SECONDS
# (default 5); each INPUT_SUBMITTED event is timed from its commit_time to its arrival on
# every watcher. The baseline, in the same run: SubmitInput's own latency.
#   bench/routing/watch.sh <release build dir>
set -euo pipefail
build=$(cd "$1" && pwd)
source "$(dirname "$0")/../lib.sh"

for b in "$build/bench/routing/polylateral-bench-submit" "$build/bench/routing/polylateral-bench-watch" \
  "$build/services/registry/polylateral-registry" \
  "$build/services/accreditation/polylateral-accreditation" \
  "$build/services/routing/polylateral-routing"; do
  [[ -x "$b" ]] || { echo "build $b first" >&2; exit 1; }
done
watchers=${BENCH_WATCHERS:-10}
rate=${BENCH_RATE:-100}
seconds=${BENCH_SECONDS:-5}
bench_start_redis
bench_start_service "$build/services/registry/polylateral-registry" reg_port reg_metrics
bench_start_service "$build/services/accreditation/polylateral-accreditation" acc_port acc_metrics \
  --registry="127.0.0.1:$reg_port"
bench_start_service "$build/services/routing/polylateral-routing" rt_port rt_metrics \
  --registry="127.0.0.1:$reg_port" --accreditation="127.0.0.1:$acc_port" \
  --max_streams_per_principal="$watchers"
"$build/bench/routing/polylateral-bench-submit" --registry="127.0.0.1:$reg_port" \
  --accreditation="127.0.0.1:$acc_port" --setup="$BENCH_TMP/submit.requests"
"$build/bench/routing/polylateral-bench-watch" --routing="127.0.0.1:$rt_port" \
  --requests="$BENCH_TMP/submit.requests" --watchers="$watchers" --rate="$rate" \
  --duration="$seconds" --warmup=1 >"$BENCH_TMP/watch.tsv"
get() { awk -F'\t' -v k="$1" -v c="$2" '$1 == k { print $c }' "$BENCH_TMP/watch.tsv"; }
ms() { awk -v v="$1" 'BEGIN { printf "%.1f", v / 1000 }'; }
w_p50=$(ms "$(get watch 6)"); w_p99=$(ms "$(get watch 7)")
s_p50=$(ms "$(get submit 6)"); s_p99=$(ms "$(get submit 7)")
# The watches end CANCELLED (the bench closes them): every other non-OK answer counts.
non_ok=$(curl -fsS "http://127.0.0.1:$rt_metrics/metrics" | awk '/^grpc_server_handled_total\{/ &&
  !/grpc_code="OK"/ && !/grpc_code="CANCELLED"/ { n += $NF } END { printf "%d", n }')

echo "| $watchers watchers, $rate SubmitInput/s for ${seconds} s, $(nproc) cores shared | count | p50 ms | p99 ms |"
echo "|---|---:|---:|---:|"
echo "| SubmitInput call (baseline: the commit itself) | $(get submit 2) ($(get submit 3) errors) | $s_p50 | $s_p99 |"
echo "| commit → watcher (events received; $(get watch 3) missing) | $(get watch 2) | $w_p50 | $w_p99 |"
echo
echo "| goal | measured | verdict |"
echo "|---|---:|---|"
echo "| an event reaches a watcher within 50 ms p99 of its commit | $w_p99 ms | $(bench_verdict "$w_p99" le 50) |"
echo "| every committed input reaches every watcher | $(get watch 3) missing | $(bench_verdict "$(get watch 3)" le 0) |"
echo "| routing calls answered non-OK but CANCELLED (server metrics) | $non_ok | $(bench_verdict "$non_ok" le 0) |"
