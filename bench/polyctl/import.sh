#!/usr/bin/env bash
# polyctl import of BENCH_POLYCTL_ROWS generated stakeholders (default 5,000: organisations,
# experts affiliated to them, networks listing them) from CSV into a registry over mutual
# TLS, as operator:bench (operators are exempt from the per-caller write rate; the registry
# runs with its default limits, 100 writes/s and a burst of 2000 for stakeholders and
# states). Then the same file again, which must create nothing. Prints a markdown table
# with the verdict against the 10 s target.
#   bench/polyctl/import.sh build/release
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
build=${1:-build/release}
rows=${BENCH_POLYCTL_ROWS:-5000}
parallel=${BENCH_POLYCTL_PARALLEL:-16}
polyctl=$build/tools/polyctl/polyctl
csv=$BENCH_TMP/stakeholders.csv

# Deterministic rows: 60 % organisations, then 36 % experts each affiliated to one of them,
# then 4 % networks of 10 organisations each; countries, groups, themes and languages cycle.
awk -v n="$rows" 'BEGIN {
  split("BR FR KE IN JP DE NG MX CA ZA ID EG AR SE CH GH PH CL PL VN", cc, " ")
  split("PRIVATE_SECTOR CIVIL_SOCIETY ACADEMIA TECHNICAL_COMMUNITY", gg, " ")
  split("cybersecurity capacity-building data-governance privacy access ai-safety", tt, " ")
  split("en fr es ar zh ru", ll, " ")
  print "id,kind,display_name,stakeholder_group,country,themes,affiliations,network_members,languages,developing_country,contact_email,website"
  orgs = int(n * 0.6); experts = int(n * 0.36); nets = n - orgs - experts
  for (i = 1; i <= orgs; i++)
    printf "org-%d,ORGANISATION,Organisation %d,%s,%s,%s;%s,,,%s,%s,contact@org-%d.example.org,https://org-%d.example.org\n",
      i, i, gg[i % 4 + 1], cc[i % 20 + 1], tt[i % 6 + 1], tt[(i + 1) % 6 + 1], ll[i % 6 + 1],
      (i % 3 == 0 ? "true" : "false"), i, i
  for (i = 1; i <= experts; i++)
    printf "exp-%d,INDIVIDUAL_EXPERT,Expert %d,ACADEMIA,%s,%s,org-%d,,en;%s,false,,\n",
      i, i, cc[i % 20 + 1], tt[i % 6 + 1], (i % orgs) + 1, ll[i % 5 + 2]
  for (i = 1; i <= nets; i++) {
    m = ""
    for (k = 0; k < 10; k++) m = m (k ? ";" : "") "org-" ((i * 10 + k) % orgs + 1)
    printf "net-%d,NETWORK,Network %d,CIVIL_SOCIETY,%s,cybersecurity,,%s,en,true,,\n",
      i, i, cc[i % 20 + 1], m
  }
}' >"$csv"

bench_tls_setup registry
bench_tls_server registry
bench_start_redis
bench_start_service "$build/services/registry/polylateral-registry" reg_port reg_metrics \
  "${BENCH_TLS_SERVER[@]}" --write_rate=100 --write_burst=2000
flags=(--config=/dev/null --tls_dir="$BENCH_TLS_DIR" --as=operator:bench
  --registry="127.0.0.1:$reg_port" --parallel="$parallel" -o json)

run_import() {
  local out=$1 start end
  start=$(date +%s.%N)
  "$polyctl" "${flags[@]}" import "$csv" >"$out"
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }'
}
first_s=$(run_import "$BENCH_TMP/first.json")
again_s=$(run_import "$BENCH_TMP/again.json")
count() { sed -n "s/^  \"$2\": \([0-9]*\).*/\1/p" "$1"; }
failed() { grep -c '"row":' "$1" || true; }
created1=$(count "$BENCH_TMP/first.json" created)
created2=$(count "$BENCH_TMP/again.json" created)
existing2=$(count "$BENCH_TMP/again.json" existing)
verdict=$(awk -v s="$first_s" -v n="$rows" -v c1="$created1" -v c2="$created2" \
  'BEGIN { print (s * 5000 / n < 10 && c1 == n && c2 == 0 ? "pass" : "FAIL") }')
echo "| polyctl import | rows | parallel | wall s | rows/s | created | existing | failed | target | verdict |"
echo "|---|---|---|---|---|---|---|---|---|---|"
echo "| first run | $rows | $parallel | $first_s | $(awk -v n="$rows" -v s="$first_s" 'BEGIN { printf "%.0f", n / s }') | $created1 | $(count "$BENCH_TMP/first.json" existing) | $(failed "$BENCH_TMP/first.json") | 5,000 in < 10 s | $verdict |"
echo "| re-run | $rows | $parallel | $again_s | $(awk -v n="$rows" -v s="$again_s" 'BEGIN { printf "%.0f", n / s }') | $created2 | $existing2 | $(failed "$BENCH_TMP/again.json") | creates nothing | $([[ $created2 == 0 && $existing2 == "$rows" ]] && echo pass || echo FAIL) |"
