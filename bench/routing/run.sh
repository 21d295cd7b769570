#!/usr/bin/env bash
# The routing domain's benchmark (issue 5 §7, the parts without a server): the uptake
# estimate of a 5,000-word input against a 50-page outcome (25,000 words, 400 paragraphs),
# and one routing decision. Pure CPU, no Redis; texts and facts are generated
# deterministically.
#   bench/routing/run.sh <release build dir>
# Environment: BENCH_ESTIMATES (timed estimates, default 200), BENCH_DECISIONS (default
# 200000).
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
