#!/usr/bin/env bash
# LEXIMIN over many generated pool shapes (n 50-500, k 5-50 with k <= n/5, seeds 1-3): one
# line per shape with the slowest solve (CPU) and how many seeds fell back from the relaxation
# shortcut to the stages. Exits 2 when a solve fails or passes 30 s.
#   bench/composition/sweep.sh <release build dir>
set -euo pipefail
focus="$(cd "$1" && pwd)/bench/composition/polylateral-bench-composition-focus"
status=0
echo "| n | k | slowest of 3 (CPU s) | by the stages |"
echo "|---:|---:|---:|---:|"
for n in 50 100 200 300 500; do
  for k in 5 10 20 30 50; do
    ((k * 5 <= n)) || continue
    slowest=0 fallbacks=0
    for seed in 1 2 3; do
      if ! line=$(timeout 30 "$focus" --what=leximin --n="$n" --k="$k" --seed="$seed" | head -1); then
        echo "n=$n k=$k seed=$seed: failed or over 30 s" >&2
        status=2
        continue
      fi
      cpu=$(sed -E 's/.*cpu ([0-9.]+) s.*/\1/' <<<"$line")
      slowest=$(awk -v a="$slowest" -v b="$cpu" 'BEGIN { print (b > a ? b : a) }')
      [[ $line == *"by the stages"* ]] && fallbacks=$((fallbacks + 1))
    done
    echo "| $n | $k | $slowest | $fallbacks |"
  done
done
exit $status
