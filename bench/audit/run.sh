#!/usr/bin/env bash
# polylateral-audit verify on a generated export: BENCH_AUDIT_ENTRIES entries (default
# 1,000,000; about 300 MB of JSON lines, a tenth of them with a sensitive field, every
# twentieth redacted) checked against a signed head with the public key. Prints a markdown
# table with the verdict against the 10 s target.
#   bench/audit/run.sh build/release
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
build=${1:-build/release}
entries=${BENCH_AUDIT_ENTRIES:-1000000}
tool=$build/tools/audit/polylateral-audit
dir=$BENCH_TMP/audit
mkdir -p "$dir"
openssl genpkey -algorithm ed25519 -out "$dir/key.pem" 2>/dev/null
openssl pkey -in "$dir/key.pem" -pubout -out "$dir/key.pub.pem"
"$tool" generate --entries="$entries" --signing_key="$dir/key.pem" --out="$dir/log.jsonl" \
  --head_out="$dir/head.json"
bytes=$(stat -c %s "$dir/log.jsonl")
start=$(date +%s.%N)
"$tool" verify --export="$dir/log.jsonl" --head="$dir/head.json" --public_key="$dir/key.pub.pem" >/dev/null
end=$(date +%s.%N)
seconds=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
verdict=$(awk -v s="$seconds" -v n="$entries" 'BEGIN { print (s * 1000000 / n < 10 ? "pass" : "FAIL") }')
echo "| audit | entries | export MB | verify wall s | entries/s | target | verdict |"
echo "|---|---|---|---|---|---|---|"
awk -v n="$entries" -v b="$bytes" -v s="$seconds" -v v="$verdict" 'BEGIN {
  printf "| polylateral-audit verify | %d | %.0f | %s | %.0f | 1,000,000 in < 10 s | %s |\n",
    n, b / 1e6, s, n / s, v }'
