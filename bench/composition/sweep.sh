#!/usr/bin/env bash
# LEXIMIN over many generated pool shapes (n 50-500, k 5-50 with k <= n/5, seeds 1-3): one
# line per shape with the slowest solve (CPU) and how many seeds fell back from the relaxation
# shortcut to the stages. Then the hard pools: eight features with exact quotas (band 0) and
# quotas 5 % of the seats either way (band 0.05) around a witness panel, n 100-500 and 1000
# with k = n/10, where the time goes (CPU in the master LPs, in CBC, rounds). Exits 2 when a
# solve fails, is not certified, or passes its time limit (30 s; the hard pools: 120 s).
# SWEEP_HARD_SEEDS (default "1 2 3") and SWEEP_HARD_TIMEOUT (wall seconds, default 120) for a
# shorter or a slower (shared) machine's run. Then the organisation-capped pools (at most one
# or two seats per organisation, the witness in distinct organisations, half the others
# crowding its organisations, quotas 15 % around it): n 300, 1000 and 2000 with k = n/10, the
# CPU by phase; SWEEP_ORG_SEEDS (default "1") and SWEEP_ORG_TIMEOUT (wall seconds, default 400).
#   bench/composition/sweep.sh <release build dir> [all|shapes|hard|orgs]
set -euo pipefail
focus="$(cd "$1" && pwd)/bench/composition/polylateral-bench-composition-focus"
what=${2:-all}
status=0
if [[ $what != hard ]]; then
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
fi
if [[ $what == all || $what == hard ]]; then
  echo
  echo "| band | n | k | seed | CPU s | master LPs s | MIPs s | rounds (by CBC) | stages | way |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  for n in 100 200 300 500 1000; do
    k=$((n / 10))
    for band in 0 0.05; do
      for seed in ${SWEEP_HARD_SEEDS:-1 2 3}; do
        if ! out=$(timeout "${SWEEP_HARD_TIMEOUT:-120}" "$focus" --what=leximin --band="$band" --n="$n" --k="$k" \
          --seed="$seed" 2>&1) || [[ $out != *"; certified"* ]]; then
          echo "| $band | $n | $k | $seed | failed, uncertified or over the time limit | | | | | |"
          status=2
          continue
        fi
        line=$(head -1 <<<"$out")
        cpu=$(sed -E 's/.*cpu ([0-9.]+) s.*/\1/' <<<"$line")
        rounds=$(sed -E 's/.* ([0-9]+) rounds, ([0-9]+) by CBC.*/\1 (\2)/' <<<"$line")
        stages=$(sed -E 's/.* ([0-9]+) stages,.*/\1/' <<<"$line")
        master=$(sed -nE 's/.*master LPs ([0-9.]+) s.*/\1/p' <<<"$out")
        mips=$(sed -nE 's/.*MIPs ([0-9.]+) s.*/\1/p' <<<"$out")
        way=$([[ $line == *"by the stages"* ]] && echo stages || echo relaxation)
        echo "| $band | $n | $k | $seed | $cpu | $master | $mips | $rounds | $stages | $way |"
      done
    done
  done
fi
if [[ $what == all || $what == orgs ]]; then
  echo
  echo "| cap | n | k | seed | CPU s | seeding | shortcut: relaxation LPs | lotteries (rounds) | unreachable | stages | master LPs | MIPs | rounds (by CBC) | panels | way |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  for n in 300 1000 2000; do
    k=$((n / 10))
    for cap in 1 2; do
      for seed in ${SWEEP_ORG_SEEDS:-1}; do
        if ! out=$(timeout "${SWEEP_ORG_TIMEOUT:-400}" "$focus" --what=leximin --org_cap="$cap" --n="$n" \
          --k="$k" --seed="$seed" 2>&1) || [[ $out != *"; certified"* ]]; then
          echo "| $cap | $n | $k | $seed | failed, uncertified or over the time limit | | | | | | | | | | |"
          status=2
          continue
        fi
        line=$(head -1 <<<"$out")
        cpu=$(sed -E 's/.*cpu ([0-9.]+) s.*/\1/' <<<"$line")
        rounds=$(sed -E 's/.* ([0-9]+) rounds, ([0-9]+) by CBC.*/\1 (\2)/' <<<"$line")
        panels=$(sed -E 's/.* ([0-9]+) panels,.*/\1/' <<<"$line")
        master=$(sed -nE 's/.*master LPs ([0-9.]+) s.*/\1/p' <<<"$out")
        mips=$(sed -nE 's/.*MIPs ([0-9.]+) s.*/\1/p' <<<"$out")
        phase() { sed -nE "s/.*$1 ([0-9.]+) s.*/\\1/p" <<<"$out"; }
        lotteries="$(phase lotteries) ($(sed -nE 's/.* in ([0-9]+) rounds.*/\1/p' <<<"$out"))"
        way=$([[ $line == *"by the stages"* ]] && echo stages || echo relaxation)
        echo "| $cap | $n | $k | $seed | $cpu | $(phase seeding) | $(phase "relaxation LPs") | $lotteries | $(phase "unreachable types") | $(phase stages) | $master | $mips | $rounds | $panels | $way |"
      done
    done
  done
fi
exit $status
