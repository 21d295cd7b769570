#!/usr/bin/env bash
# The composition solver's benchmark (issue 4 §4): LEXIMIN on the published n = 2000 pool and
# on generated 6-feature pools, QUICK at n = 2000, MINIMAL, peak memory. Prints a markdown
# table with each figure, its goal and pass/FAIL; exits 2 when a goal is missed.
#   bench/composition/run.sh <release build dir>
# Environment: POLYLATERAL_SHARED_DATA (default ../shared/data beside the checkout),
# BENCH_GENERATED_POOLS (generated pools per size, seeds 1..N, the slowest reported; default 5).
set -euo pipefail
build=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
data=${POLYLATERAL_SHARED_DATA:-$root/../shared/data}
exec "$build/bench/composition/polylateral-bench-composition" \
  --data="$data/sortition" --generated_pools="${BENCH_GENERATED_POOLS:-5}"
