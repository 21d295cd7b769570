#!/usr/bin/env bash
# The accreditation benchmark: CheckAccess at 32 concurrent calls beside the
# registry benchmark's echo+Redis baseline (same load client method, same run, alternating
# rounds), and over mutual TLS (a second registry and accreditation pair on the same Redis,
# certificates from scripts/dev-ca); SubmitApplication (which asks the registry for the process and the stakeholder:
# a real registry service on the same Redis) and LodgeObjection (which asks the registry for
# the state) at 32 concurrent calls; 100,000 notice periods ending in the same second decided
# by two scheduler replicas beside one bare EVALSHA per item on the same Redis; a notice list of
# 1,000 applications (300 with an objection) decided at its deadline by two replicas' polling
# loops on the system clock.
#   bench/accreditation/run.sh <release build dir>
# Environment: BENCH_SECONDS (per round, default 5), BENCH_ROUNDS (default 3),
# BENCH_DUE_ITEMS (default 100000), BENCH_SUBMIT_IDS (drafts per submit round, default 8000;
# a round that uses them up ends early and reports the seconds it measured), BENCH_ONLY=due
# (only the deadline scheduler parts: needs only polylateral-bench-acc-due and
# polylateral-bench-acc-list built), BENCH_ONLY=list (only the notice list part).
set -euo pipefail
build=$(cd "$1" && pwd)
source "$(dirname "$0")/../lib.sh"

seconds=${BENCH_SECONDS:-5}
rounds=${BENCH_ROUNDS:-3}
items=${BENCH_DUE_ITEMS:-100000}
submit_ids=${BENCH_SUBMIT_IDS:-8000}
bin="$build/bench/accreditation"

bench_start_redis
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }
# The deadline scheduler: $items notice periods ending in one second, two replicas, beside one
# bare EVALSHA per item on the same Redis; prints its two tables.
due_part() {
  redis-cli -p "$BENCH_REDIS_PORT" FLUSHALL >/dev/null
  read -r d_items d_decisions d_events d_s d_rate b_s b_rate < <(
    "$bin/polylateral-bench-acc-due" --redis="127.0.0.1:$BENCH_REDIS_PORT" --items="$items")
  local due_ratio once
  due_ratio=$(ratio "$d_rate" "$b_rate")
  once=$([[ "$d_decisions" == "$d_items" && "$d_events" -ge "$d_items" ]] && echo 1 || echo 0)
  cat <<DUE

| schedule ($d_items notice periods ending in one second, 2 replicas) | seconds | items/s |
|---|---:|---:|
| ${BENCH_DUE_LABEL:-due_claim.lua: take and decide in one script} | $d_s | $d_rate |
| one bare EVALSHA per item, 2 clients (baseline) | $b_s | $b_rate |

| goal | measured | verdict |
|---|---:|---|
| every notice period decided exactly once | $d_decisions decisions, $d_events events for $d_items | $(bench_verdict "$once" ge 1) |
| decision rate ≥ 0.5× bare EVALSHA rate | ${due_ratio}× | $(bench_verdict "$due_ratio" ge 0.5) |
DUE
}
# A notice list of 1,000 applications, 300 objected to, decided at its deadline by two
# replicas; prints its table.
list_part() {
  redis-cli -p "$BENCH_REDIS_PORT" FLUSHALL >/dev/null
  read -r l_items l_objected l_decisions l_approved l_blocked l_apps l_blocked_apps l_last l_seen < <(
    "$bin/polylateral-bench-acc-list" --redis="127.0.0.1:$BENCH_REDIS_PORT" --items=1000 \
      --objected=300)
  local once
  once=$([[ "$l_decisions" == "$l_items" && "$l_apps" == "$l_items" &&
    $((l_approved + l_blocked)) == "$l_items" && "$l_blocked_apps" == "$l_objected" ]] && echo 1 || echo 0)
  cat <<LIST

| notice list ($l_items applications, $l_objected objected to, one deadline, 2 replicas polling every 200 ms) | measured | verdict |
|---|---:|---|
| last decision after the deadline (its recorded time) | ${l_last} s | $(bench_verdict "$l_last" le 2) |
| every application seen decided, after the deadline | ${l_seen} s | $(bench_verdict "$l_seen" le 2) |
| each decided exactly once ($l_approved approved + $l_blocked blocked events, $l_apps applications, $l_blocked_apps blocked) | $l_decisions decisions | $(bench_verdict "$once" ge 1) |
LIST
}
if [[ "${BENCH_ONLY:-}" == due || "${BENCH_ONLY:-}" == list ]]; then
  echo "### accreditation deadline scheduler"
  [[ "${BENCH_ONLY}" == list ]] || due_part
  list_part
  exit 0
fi
# 1,000 active accreditations for CheckAccess to find.
for ((i = 0; i < 1000; i++)); do
  echo "HSET {acc}:acc:bench:bench-$i p bench sh bench-$i a app-$i route r rights 1,4 st 1 from 0 until '' reason '' v 1"
done | redis-cli -p "$BENCH_REDIS_PORT" >/dev/null

bench_start_service "$build/bench/registry/polylateral-bench-echo" echo_port echo_metrics
bench_start_service "$build/services/registry/polylateral-registry" reg_port reg_metrics
bench_start_service "$build/services/accreditation/polylateral-accreditation" acc_port acc_metrics \
  --registry="127.0.0.1:$reg_port"
acc_pid=$BENCH_LAST_PID
# The mTLS pair: the accreditation instance calls the TLS registry with its own certificate
# (the SPIFFE id is checked, not the host name).
bench_tls_setup registry accreditation
bench_tls_server registry
bench_start_service "$build/services/registry/polylateral-registry" reg_tls_port reg_tls_metrics \
  "${BENCH_TLS_SERVER[@]}"
bench_tls_server accreditation
bench_start_service "$build/services/accreditation/polylateral-accreditation" tls_port tls_metrics \
  --registry="localhost:$reg_tls_port" "${BENCH_TLS_SERVER[@]}"
tls_pid=$BENCH_LAST_PID
sleep 1

results="$BENCH_TMP/results.tsv"
load() {  # load <label> <kind> <port> [flags...]
  local label=$1 kind=$2 port=$3
  shift 3
  "$bin/polylateral-bench-acc-client" --target="127.0.0.1:$port" --kind="$kind" \
    --label="$label" --ids=1000 --duration="$seconds" --warmup=1 "$@" >>"$results"
}
for ((r = 0; r < rounds; r++)); do
  load echo echo "$echo_port"
  load check check "$acc_port"
  load check-tls check "$tls_port" "${BENCH_TLS_CLIENT[@]}"
done
# Every call names its stakeholder's or state's principal in a header, which TLS ignores: the
# writes below stay plaintext, and the TLS pair is done.
tls_non_ok=$(bench_non_ok "$tls_metrics")
kill -TERM "$tls_pid"
wait "$tls_pid" 2>/dev/null || true

# Writes, after the reads (so the echo baseline above reads the same as before: no
# stakeholders loaded yet): stakeholders bench-0 .. through the registry's own store, then
# per round fresh drafts (not measured), SubmitApplication on them, LodgeObjection on the
# applications then in their notice period.
"$build/bench/registry/polylateral-bench-load" --redis="127.0.0.1:$BENCH_REDIS_PORT" \
  --to=$((rounds * submit_ids)) >/dev/null
for ((r = 0; r < rounds; r++)); do
  "$bin/polylateral-bench-acc-client" --target="127.0.0.1:$acc_port" --kind=submit \
    --registry="127.0.0.1:$reg_port" --first=$((r * submit_ids)) --ids="$submit_ids" \
    --duration="$seconds" --warmup=1 >>"$results"
done
non_ok=$(($(bench_non_ok "$echo_metrics") + $(bench_non_ok "$acc_metrics") + tls_non_ok))

# The schedule benchmark on a fresh database of the same Redis. The service is stopped first:
# its own scheduler would otherwise take part as a third replica.
kill -TERM "$acc_pid"
wait "$acc_pid" 2>/dev/null || true
due_table=$(due_part)
list_table=$(list_part)

summary() {  # summary <label> -> "calls_per_s p50_us p99_us errors"
  awk -F'\t' -v l="$1" '$1 == l { n++; cps += $5; err += $3; p50[n] = $6; p99[n] = $7 }
    function med(a, n,   i, j, t) {
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    END { printf "%.0f %.0f %.0f %d", cps / n, med(p50, n), med(p99, n), err }' "$results"
}
read -r echo_cps echo_p50 echo_p99 echo_err <<<"$(summary echo)"
read -r chk_cps chk_p50 chk_p99 chk_err <<<"$(summary check)"
read -r tls_cps tls_p50 tls_p99 tls_err <<<"$(summary check-tls)"
read -r sub_cps sub_p50 sub_p99 sub_err <<<"$(summary submit)"
read -r obj_cps obj_p50 obj_p99 obj_err <<<"$(summary object)"
tput_ratio=$(ratio "$chk_cps" "$echo_cps")
tls_ratio=$(ratio "$tls_cps" "$chk_cps")

cat <<TABLE
### accreditation ($rounds × ${seconds} s rounds at 32 concurrent calls; $(nproc) cores shared with the load client)

| call | calls/s | p50 µs | p99 µs | client errors |
|---|---:|---:|---:|---:|
| echo + one Redis GET (baseline) | $echo_cps | $echo_p50 | $echo_p99 | $echo_err |
| CheckAccess (1,000 accreditations) | $chk_cps | $chk_p50 | $chk_p99 | $chk_err |
| CheckAccess over mTLS: $tls_cps calls/s (${tls_ratio}× plaintext) | $tls_cps | $tls_p50 | $tls_p99 | $tls_err |
| SubmitApplication (asks the registry for process and stakeholder) | $sub_cps | $sub_p50 | $sub_p99 | $sub_err |
| LodgeObjection (asks the registry for the state) | $obj_cps | $obj_p50 | $obj_p99 | $obj_err |

| goal | measured | verdict |
|---|---:|---|
| CheckAccess throughput ≥ 1.0× baseline | ${tput_ratio}× | $(bench_verdict "$tput_ratio" ge 1.0) |
| CheckAccess over mTLS ≥ 0.8× plaintext | ${tls_ratio}× | $(bench_verdict "$tls_ratio" ge 0.8) |
| calls answered with a non-OK code (server metrics) | $non_ok | $(bench_verdict "$non_ok" le 0) |
$due_table
$list_table
TABLE
