#!/usr/bin/env bash
# The composition solver's benchmark: LEXIMIN on the published n = 2000 pool and
# on generated 6-feature pools, QUICK at n = 2000, MINIMAL, peak memory. Prints a markdown
# table with each figure, its goal and pass/FAIL; exits 2 when a goal is missed.
# Then a body end to end over gRPC against a real redis-server, registry and composition
# service: BENCH_BODY_N nominations (default 500) entered one call at a time, DrawBody for
# BENCH_BODY_K seats (default 50), and the same problem by the stateless Solve.
#   bench/composition/run.sh <release build dir>
# Environment: BENCH_SORTITION_DATA (the published pools; default tests/data/sortition),
# BENCH_GENERATED_POOLS (generated pools per size, seeds 1..N, the slowest reported; default 5).
set -euo pipefail
build=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/bench/lib.sh"
data=${BENCH_SORTITION_DATA:-$root/tests/data/sortition}
status=0
"$build/bench/composition/polylateral-bench-composition" \
  --data="$data" --generated_pools="${BENCH_GENERATED_POOLS:-5}" || status=$?

bench_start_redis
bench_start_service "$build/services/registry/polylateral-registry" reg_port reg_metrics
bench_start_service "$build/services/composition/polylateral-composition" comp_port comp_metrics \
  --registry="127.0.0.1:$reg_port"
"$build/bench/composition/polylateral-bench-body" --registry="127.0.0.1:$reg_port" \
  --composition="127.0.0.1:$comp_port" --n="${BENCH_BODY_N:-500}" --k="${BENCH_BODY_K:-50}" \
  >"$BENCH_TMP/body.tsv"
get() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$BENCH_TMP/body.tsv"; }
echo
echo "| body over gRPC (generated seed 1, real registry, composition, Redis AOF everysec) | measured |"
echo "|---|---|"
echo "| CreateNomination, one call at a time: p50 / p99 | $(get nominate_p50_ms) / $(get nominate_p99_ms) ms ($(get nominations) in $(get nominations_s) s) |"
echo "| DrawBody, $(get nominations) nominations, $(get seats) seats (snapshot, LEXIMIN, draw, kept) | $(get draw_s) s, $(get members) members |"
echo "| the same problem by the stateless Solve (LEXIMIN) | $(get solve_s) s |"
exit $status
