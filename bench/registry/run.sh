#!/usr/bin/env bash
# The registry's benchmark: GetStakeholder and a filtered ListStakeholders beside
# a bare echo service doing one Redis GET, same load client, same run; GetStakeholder over
# mutual TLS (a second registry on the same Redis, certificates from scripts/dev-ca) beside the
# plaintext one; list latency at 10,000 and at 1,000,000 stakeholders; resident memory idle
# and under load.
#   bench/registry/run.sh <release build dir>
# Environment: BENCH_SECONDS (per round, default 5), BENCH_ROUNDS (echo/get alternations,
# default 3), BENCH_LARGE (stakeholders for the scaling line, default 1000000).
set -euo pipefail
build=$(cd "$1" && pwd)
source "$(dirname "$0")/../lib.sh"

seconds=${BENCH_SECONDS:-5}
rounds=${BENCH_ROUNDS:-3}
large=${BENCH_LARGE:-1000000}
small=10000
bin="$build/bench/registry"

bench_start_redis
"$bin/polylateral-bench-load" --redis="127.0.0.1:$BENCH_REDIS_PORT" --to="$small"

bench_start_service "$bin/polylateral-bench-echo" echo_port echo_metrics
bench_start_service "$build/services/registry/polylateral-registry" reg_port reg_metrics
reg_pid=$BENCH_LAST_PID
bench_tls_setup registry
bench_tls_server registry
bench_start_service "$build/services/registry/polylateral-registry" tls_port tls_metrics \
  "${BENCH_TLS_SERVER[@]}"
sleep 1
idle_rss=$(bench_rss_mib "$reg_pid" VmRSS)

results="$BENCH_TMP/results.tsv"
load() {  # load <label> <kind> <port> [flags...]
  local label=$1 kind=$2 port=$3
  shift 3
  "$bin/polylateral-bench-client" --target="127.0.0.1:$port" --kind="$kind" --label="$label" \
    --ids="$small" --duration="$seconds" --warmup=1 "$@" >>"$results"
}
# Alternate baseline, registry and registry over mTLS so that drift on a shared machine hits
# them alike.
for ((r = 0; r < rounds; r++)); do
  load echo echo "$echo_port"
  load get get "$reg_port"
  load get-tls get "$tls_port" "${BENCH_TLS_CLIENT[@]}"
done
load list-10k list "$reg_port"
load_rss=$(bench_rss_mib "$reg_pid" VmHWM)

# Grow the registry to $large stakeholders through the same store and measure the same list.
load_start=$(date +%s)
"$bin/polylateral-bench-load" --redis="127.0.0.1:$BENCH_REDIS_PORT" --from="$small" --to="$large"
load_seconds=$(($(date +%s) - load_start))
load "list-$((large / 1000))k" list "$reg_port"

non_ok=$(($(bench_non_ok "$echo_metrics") + $(bench_non_ok "$reg_metrics") +
  $(bench_non_ok "$tls_metrics")))

# Means of throughput over rounds, medians of the percentiles.
summary() {  # summary <label> -> "calls_per_s p50_us p99_us errors"
  awk -F'\t' -v l="$1" '$1 == l { n++; cps += $5; err += $3; p50[n] = $6; p99[n] = $7 }
    function med(a, n,   i, j, t) {
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    END { printf "%.0f %.0f %.0f %d", cps / n, med(p50, n), med(p99, n), err }' "$results"
}
read -r echo_cps echo_p50 echo_p99 echo_err <<<"$(summary echo)"
read -r get_cps get_p50 get_p99 get_err <<<"$(summary get)"
read -r tls_cps tls_p50 tls_p99 tls_err <<<"$(summary get-tls)"
read -r l10_cps l10_p50 l10_p99 l10_err <<<"$(summary list-10k)"
read -r lbig_cps lbig_p50 lbig_p99 lbig_err <<<"$(summary "list-$((large / 1000))k")"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }
tput_ratio=$(ratio "$get_cps" "$echo_cps")
p99_ratio=$(ratio "$get_p99" "$echo_p99")
tls_ratio=$(ratio "$tls_cps" "$get_cps")
scale_ratio=$(ratio "$lbig_p50" "$l10_p50")

cat <<TABLE
### registry ($rounds × ${seconds} s rounds at 32 concurrent calls; $(nproc) cores shared with the load client)

| call | calls/s | p50 µs | p99 µs | client errors |
|---|---:|---:|---:|---:|
| echo + one Redis GET (baseline) | $echo_cps | $echo_p50 | $echo_p99 | $echo_err |
| GetStakeholder (10,000 stakeholders) | $get_cps | $get_p50 | $get_p99 | $get_err |
| GetStakeholder over mTLS: $tls_cps calls/s (${tls_ratio}× plaintext) | $tls_cps | $tls_p50 | $tls_p99 | $tls_err |
| ListStakeholders region+group, page 50 (10,000) | $l10_cps | $l10_p50 | $l10_p99 | $l10_err |
| ListStakeholders region+group, page 50 ($large) | $lbig_cps | $lbig_p50 | $lbig_p99 | $lbig_err |

| goal | measured | verdict |
|---|---:|---|
| GetStakeholder throughput ≥ 1.0× baseline | ${tput_ratio}× | $(bench_verdict "$tput_ratio" ge 1.0) |
| GetStakeholder p99 ≤ 1.2× baseline p99 | ${p99_ratio}× | $(bench_verdict "$p99_ratio" le 1.2) |
| GetStakeholder over mTLS ≥ 0.8× plaintext | ${tls_ratio}× | $(bench_verdict "$tls_ratio" ge 0.8) |
| List p50 at $large ≤ 1.5× p50 at 10,000 | ${scale_ratio}× | $(bench_verdict "$scale_ratio" le 1.5) |
| registry RSS idle ≤ 40 MiB | ${idle_rss} MiB | $(bench_verdict "$idle_rss" le 40) |
| registry RSS peak under load ≤ 150 MiB | ${load_rss} MiB | $(bench_verdict "$load_rss" le 150) |
| calls answered with a non-OK code (server metrics) | $non_ok | $(bench_verdict "$non_ok" le 0) |

Loading $((large - small)) more stakeholders through the store's Lua scripts took ${load_seconds} s.
TABLE
