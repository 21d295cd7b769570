#!/usr/bin/env bash
# How soon a LEXIMIN returns after its deadline passes or its caller cancels: two pools that
# take minutes (eight features with exact quotas, n = 300, k = 30; the 6-feature n = 2000,
# k = 200 pool with one seat per organisation), stopped 1, 2 and 4 s in. One line per run:
# milliseconds from the deadline or the cancellation to the solver's return. The gRPC
# service adds nothing to this: it returns the solver's status.
#   bench/composition/stop.sh <release build dir>
set -euo pipefail
focus="$(cd "$1" && pwd)/bench/composition/polylateral-bench-composition-focus"
echo "| pool | stopped by | after (s) | returned (ms later) |"
echo "|---|---|---:|---:|"
for pool in "--band=0 --n=300 --k=30" "--n=2000 --k=200 --max_per_org=1"; do
  for by in deadline cancel; do
    for after in 1 2 4; do
      # shellcheck disable=SC2086
      line=$("$focus" --what=leximin $pool --seed=1 --stop_after="$after" --stop_by="$by")
      late=$(sed -E 's/.*returned ([0-9.]+) ms later.*/\1/' <<<"$line")
      echo "| $pool | $by | $after | $late |"
    done
  done
done
