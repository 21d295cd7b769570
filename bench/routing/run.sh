#!/usr/bin/env bash
# The routing domain's benchmark (the parts without a server): the uptake
# estimate of a 5,000-word input against a 50-page outcome (25,000 words, 400 paragraphs),
# and one routing decision. Pure CPU, no Redis; texts and facts are generated
# deterministically.
#   bench/routing/run.sh <release build dir>
# Then the service: SubmitInput (facts from a real registry and accreditation service,
# routing decided, input and inbox entry written by one script) at 32 concurrent calls beside
# the registry benchmark's echo+Redis baseline in the same run, both driven by the same load
# client (polylateral-bench-client: one channel, async generic stub, pre-serialized requests),
# and the delivery lag (submit -> inbox read by readers pulling and acknowledging) under that
# load.
# Environment: BENCH_ESTIMATES (timed estimates, default 200), BENCH_DECISIONS (default
# 200000), BENCH_SECONDS (per round, default 5), BENCH_ROUNDS (echo/submit alternations,
# default 2).
set -euo pipefail
build=$(cd "$1" && pwd)
source "$(dirname "$0")/../lib.sh"

bin="$build/bench/routing/polylateral-bench-routing"
[[ -x "$bin" ]] || { echo "build $bin first (target polylateral-bench-routing)" >&2; exit 1; }
"$bin" "${BENCH_ESTIMATES:-200}" "${BENCH_DECISIONS:-200000}" >"$BENCH_TMP/results.tsv"
get() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$BENCH_TMP/results.tsv"; }

printf -v est_p50 '%.2f' "$(get estimate_p50_ms)"
printf -v est_p99 '%.2f' "$(get estimate_p99_ms)"
printf -v est_cpu '%.2f' "$(get estimate_cpu_p99_ms)"
printf -v build_ms '%.1f' "$(get index_build_ms)"
printf -v dec_us '%.1f' "$(get decide_routes_us)"
printf -v dec_cpu '%.1f' "$(get decide_routes_cpu_us)"
printf -v words '%.0f' "$(get outcome_words)"

echo "| figure | measured | goal | verdict |"
echo "|---|---|---|---|"
echo "| uptake estimate, 5,000-word input vs ${words}-word outcome (400 paragraphs), p99 wall | ${est_p99} ms (p50 ${est_p50} ms) | ≤ 50 ms | $(bench_verdict "$est_p99" le 50) |"
echo "| uptake estimate, p99 CPU time | ${est_cpu} ms | ≤ 50 ms | $(bench_verdict "$est_cpu" le 50) |"
echo "| outcome index build, once per outcome document | ${build_ms} ms | — | info |"
echo "| DecideRoutes, 20 processes × 4 groups × 6 agenda items, wall (CPU) | ${dec_us} µs (${dec_cpu} µs) | ≤ 50 µs CPU | $(bench_verdict "$dec_cpu" le 50) |"

# --- the service under load -------------------------------------------------------------
seconds=${BENCH_SECONDS:-5}
rounds=${BENCH_ROUNDS:-2}
for b in "$build/bench/registry/polylateral-bench-echo" "$build/bench/registry/polylateral-bench-client" \
  "$build/bench/routing/polylateral-bench-submit" "$build/services/routing/polylateral-routing"; do
  [[ -x "$b" ]] || { echo "build $b first" >&2; exit 1; }
done
bench_start_redis
bench_start_service "$build/bench/registry/polylateral-bench-echo" echo_port echo_metrics
bench_start_service "$build/services/registry/polylateral-registry" reg_port reg_metrics
bench_start_service "$build/services/accreditation/polylateral-accreditation" acc_port acc_metrics \
  --registry="127.0.0.1:$reg_port"
bench_start_service "$build/services/routing/polylateral-routing" rt_port rt_metrics \
  --registry="127.0.0.1:$reg_port" --accreditation="127.0.0.1:$acc_port" --workers=32
svc="$BENCH_TMP/service.tsv"
for ((r = 0; r < rounds; r++)); do
  "$build/bench/registry/polylateral-bench-client" --target="127.0.0.1:$echo_port" --kind=echo \
    --label=echo --duration="$seconds" --warmup=1 >>"$svc"
  redis-cli -p "$BENCH_REDIS_PORT" FLUSHALL >/dev/null  # a fresh process and authors per round
  "$build/bench/routing/polylateral-bench-submit" --registry="127.0.0.1:$reg_port" \
    --accreditation="127.0.0.1:$acc_port" --setup="$BENCH_TMP/submit.requests"
  # The readers beside the same load client as the echo baseline's.
  "$build/bench/routing/polylateral-bench-submit" --routing="127.0.0.1:$rt_port" \
    --duration="$seconds" --warmup=1 >"$BENCH_TMP/lag.tsv" &
  readers=$!
  BENCH_PIDS+=("$readers")
  "$build/bench/registry/polylateral-bench-client" --target="127.0.0.1:$rt_port" --kind=submit \
    --requests="$BENCH_TMP/submit.requests" --label=submit --duration="$seconds" --warmup=1 >>"$svc"
  wait "$readers"
  cat "$BENCH_TMP/lag.tsv" >>"$svc"
done
mean() { awk -F'\t' -v l="$1" -v c="$2" '$1 == l { n++; s += $c } END { printf "%.0f", n ? s / n : 0 }' "$svc"; }
echo_cps=$(mean echo 5); echo_p99=$(mean echo 7)
sub_cps=$(mean submit 5); sub_p50=$(mean submit 6); sub_p99=$(mean submit 7)
sub_err=$(awk -F'\t' '$1 == "submit" { e += $3 } END { print e + 0 }' "$svc")
lag_p50=$(mean lag 6); lag_p99=$(mean lag 7); lag_rps=$(mean lag 5)
lag_p99_ms=$(awk -v v="$lag_p99" 'BEGIN { printf "%.1f", v / 1000 }')
ratio=$(awk -v a="$sub_cps" -v b="$echo_cps" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')
non_ok=$(bench_non_ok "$rt_metrics")
echo
echo "| call ($rounds × ${seconds} s at 32 concurrent calls, $(nproc) cores shared) | calls/s | p50 µs | p99 µs | errors |"
echo "|---|---:|---:|---:|---:|"
echo "| echo + one Redis GET (baseline) | $echo_cps | — | $echo_p99 | 0 |"
echo "| SubmitInput (registry + CheckAccess + decide + one script) | $sub_cps | $sub_p50 | $sub_p99 | $sub_err |"
echo "| delivery lag, submit → PullInbox read (reads/s) | $lag_rps | $lag_p50 | $lag_p99 | — |"
echo
echo "| goal | measured | verdict |"
echo "|---|---:|---|"
echo "| SubmitInput throughput ≥ 0.25× baseline | ${ratio}× | $(bench_verdict "$ratio" ge 0.25) |"
echo "| delivery lag p99 ≤ 50 ms | ${lag_p99_ms} ms | $(bench_verdict "$lag_p99_ms" le 50) |"
echo "| routing calls answered non-OK (server metrics) | $non_ok | $(bench_verdict "$non_ok" le 0) |"

# --- WatchEvents: commit to watcher -------------------------------------------------------
echo
bash "$(dirname "$0")/watch.sh" "$build"
