#!/usr/bin/env bash
# SubmitInput with large networks in the registry: routing looks up the author's networks
# through the registry's networks-of index (ListStakeholders has_member), never by listing all
# networks, so its cost should follow the author's networks, not the registry's.
#   bench/routing/networks.sh <release build dir>
# Two configurations, alternated per round on a fresh Redis, each set up over the registry API
# (polylateral-bench-submit --setup: 5,000 member organisations created by 16 concurrent calls,
# then each network in one CreateStakeholder call with its member list, 2 at a time):
#   baseline: 5 networks of 5,000 members; every author is a member of all 5;
#   large:    the same 5 and 45 more of 5,000 members (50 networks, 250,000 memberships).
# The same 50 authors submit at 32 concurrent calls with the same load client as run.sh's.
# Environment: BENCH_SECONDS (per round, default 10), BENCH_ROUNDS (default 2),
# BENCH_NETWORKS (large configuration, default 50), BENCH_MEMBERS (default 5000).
set -euo pipefail
build=$(cd "$1" && pwd)
source "$(dirname "$0")/../lib.sh"

seconds=${BENCH_SECONDS:-10}
rounds=${BENCH_ROUNDS:-2}
large=${BENCH_NETWORKS:-50}
members=${BENCH_MEMBERS:-5000}
own=5
for b in "$build/bench/registry/polylateral-bench-client" "$build/bench/routing/polylateral-bench-submit" \
  "$build/services/registry/polylateral-registry" "$build/services/accreditation/polylateral-accreditation" \
  "$build/services/routing/polylateral-routing"; do
  [[ -x "$b" ]] || { echo "build $b first" >&2; exit 1; }
done
bench_start_redis
bench_start_service "$build/services/registry/polylateral-registry" reg_port reg_metrics
bench_start_service "$build/services/accreditation/polylateral-accreditation" acc_port acc_metrics \
  --registry="127.0.0.1:$reg_port"
bench_start_service "$build/services/routing/polylateral-routing" rt_port rt_metrics \
  --registry="127.0.0.1:$reg_port" --accreditation="127.0.0.1:$acc_port" --workers=32
svc="$BENCH_TMP/service.tsv"
setup_s() { awk '/^registered/ { print $(NF - 1) }' "$BENCH_TMP/setup.log"; }
for ((r = 0; r < rounds; r++)); do
  for networks in "$own" "$large"; do
    redis-cli -p "$BENCH_REDIS_PORT" FLUSHALL >/dev/null
    "$build/bench/routing/polylateral-bench-submit" --registry="127.0.0.1:$reg_port" \
      --accreditation="127.0.0.1:$acc_port" --setup="$BENCH_TMP/submit.requests" \
      --networks="$networks" --network_members="$members" --author_networks="$own" \
      2>"$BENCH_TMP/setup.log" || { cat "$BENCH_TMP/setup.log" >&2; exit 1; }
    echo "networks$networks setup $(setup_s)" >>"$BENCH_TMP/setups"
    "$build/bench/registry/polylateral-bench-client" --target="127.0.0.1:$rt_port" --kind=submit \
      --requests="$BENCH_TMP/submit.requests" --label="networks$networks" --duration="$seconds" \
      --warmup=2 >>"$svc"
  done
done
mean() { awk -F'\t' -v l="$1" -v c="$2" '$1 == l { n++; s += $c } END { printf "%.0f", n ? s / n : 0 }' "$svc"; }
each() { awk -F'\t' -v l="$1" -v c="$2" '$1 == l { printf "%s%s", sep, $c; sep = " / " }' "$svc"; }
errors() { awk -F'\t' -v l="$1" '$1 == l { e += $3 } END { print e + 0 }' "$svc"; }
setup_mean() { awk -v l="networks$1" '$1 == l { n++; s += $3 } END { printf "%.1f", n ? s / n : 0 }' "$BENCH_TMP/setups"; }
b_cps=$(mean "networks$own" 5); b_p50=$(mean "networks$own" 6); b_p99=$(mean "networks$own" 7)
l_cps=$(mean "networks$large" 5); l_p50=$(mean "networks$large" 6); l_p99=$(mean "networks$large" 7)
p99_ratio=$(awk -v a="$l_p99" -v b="$b_p99" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')
cps_ratio=$(awk -v a="$l_cps" -v b="$b_cps" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')
non_ok=$(bench_non_ok "$rt_metrics")
echo "| SubmitInput, author in $own networks ($rounds × ${seconds} s at 32 concurrent calls, $(nproc) cores shared) | registry holds | calls/s | p50 µs | p99 µs | errors | setup s |"
echo "|---|---|---:|---:|---:|---:|---:|"
echo "| baseline | $own networks × $members members | $b_cps ($(each "networks$own" 5)) | $b_p50 | $b_p99 ($(each "networks$own" 7)) | $(errors "networks$own") | $(setup_mean "$own") |"
echo "| large registry | $large networks × $members members ($((large * members)) memberships) | $l_cps ($(each "networks$large" 5)) | $l_p50 | $l_p99 ($(each "networks$large" 7)) | $(errors "networks$large") | $(setup_mean "$large") |"
echo
echo "| goal | measured | verdict |"
echo "|---|---:|---|"
echo "| SubmitInput p99, large / baseline ≤ 1.25 (unchanged within noise) | ${p99_ratio}× | $(bench_verdict "$p99_ratio" le 1.25) |"
echo "| SubmitInput calls/s, large / baseline ≥ 0.8 | ${cps_ratio}× | $(bench_verdict "$cps_ratio" ge 0.8) |"
echo "| routing calls answered non-OK (server metrics) | $non_ok | $(bench_verdict "$non_ok" le 0) |"
