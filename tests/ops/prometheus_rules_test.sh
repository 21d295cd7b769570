#!/usr/bin/env bash
# Checks deploy/prometheus and deploy/grafana with a real Prometheus (Debian's `prometheus`):
#  1. promtool check rules / check config, and the Kubernetes scrape job from the note in
#     prometheus.yml (with static_configs: Debian's build has no Kubernetes discovery);
#  2. promtool test rules tests/ops/rules_test.yml: every alert fires when it should, and not on
#     the near misses; every alert's runbook_url names its RUNBOOK.md section under the one base,
#     and scripts/render-prometheus-rules moves them all to another;
#  3. end to end, on loopback only: a private redis-server primary and replica (maxmemory,
#     noeviction), Debian's prometheus-redis-exporter beside each as the ACL user `exporter`
#     (as the Kubernetes sidecar runs it), the real polylateral-registry and a private
#     Prometheus (scrape and evaluation every 1 s, the production rules, the production scrape
#     job) -- every redis_* metric the Redis alerts and the dashboard use is one the exporter
#     exports, and it needs no command its ACL user lacks; successful and NotFound calls give a
#     request rate with a 0 server-error ratio and SLO ratios of 0; every Grafana panel query,
#     with its variables set to All, runs without error, those on metrics this test produces
#     return series, and none returns any for another namespace; with Redis stopped the
#     Unavailable answers give a server-error ratio, Redis errors and a pending error-budget
#     page; killing the registry makes up == 0 and puts PolylateralServiceDown in pending.
# Exit 77 (ctest: skipped) when prometheus/promtool is not installed (scripts/setup installs it).
set -euo pipefail
src=${POLYLATERAL_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${POLYLATERAL_BINARY_DIR:-$src/build/release}
cd "$src"
source scripts/lib.sh

if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
  echo "SKIP: prometheus/promtool not installed (scripts/setup installs the Debian package)"
  exit 77
fi
command -v prometheus-redis-exporter >/dev/null ||
  { echo "FAIL: prometheus-redis-exporter not installed: run scripts/setup" >&2; exit 1; }
registry_bin=$bin/services/registry/polylateral-registry
client_bin=$bin/bench/registry/polylateral-bench-client
for b in "$registry_bin" "$client_bin"; do
  if [[ ! -x $b ]]; then
    echo "FAIL: $b not built (cmake --build $bin --target polylateral-registry polylateral-bench-client)" >&2
    exit 1
  fi
done

tmp=$(mktemp -d)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  for f in "$tmp"/*.log; do
    [[ -f $f ]] && { echo "--- $f (tail)" >&2; tail -n 20 "$f" >&2; }
  done
  exit 1
}

echo "== promtool check"
promtool check rules deploy/prometheus/rules.yml
promtool check config deploy/prometheus/prometheus.yml
# The Kubernetes job from the comment in prometheus.yml, discovery swapped for a static target.
python3 - deploy/prometheus/prometheus.yml "$tmp/k8s.yml" <<'EOF'
import sys
lines = open(sys.argv[1]).read().splitlines()
start = next(i for i, l in enumerate(lines) if l.startswith("#   - job_name: kubernetes-pods"))
job = []
for l in lines[start:]:
    if l.strip() == "#":
        break
    job.append(l[1:])
text = "scrape_configs:\n" + "\n".join(job) + "\n"
assert "kubernetes_sd_configs:\n       - role: pod" in text, text
text = text.replace("kubernetes_sd_configs:\n       - role: pod",
                    'static_configs:\n       - targets: ["10.0.0.1:8080"]')
open(sys.argv[2], "w").write(text)
EOF
promtool check config "$tmp/k8s.yml"

echo "== promtool test rules"
promtool test rules tests/ops/rules_test.yml

echo "== runbook links"
# Every alert links to its own RUNBOOK.md section under the one RUNBOOK_BASE, every section
# exists, and a rendering under another base is a valid rule file with no old link left.
python3 - deploy/prometheus/rules.yml deploy/prometheus/RUNBOOK.md <<'EOF'
import re, sys, yaml
rules_path, runbook_path = sys.argv[1:]
text = open(rules_path).read()
base = re.search(r"^# RUNBOOK_BASE=(https?://\S+)$", text, re.M).group(1)
sections = set(re.findall(r"^## (\S+)$", open(runbook_path).read(), re.M))
alerts = [r for g in yaml.safe_load(text)["groups"] for r in g["rules"] if "alert" in r]
assert len(alerts) >= 18, len(alerts)
for r in alerts:
    name = r["alert"]
    url = r.get("annotations", {}).get("runbook_url")
    assert url == base + "#" + name.lower(), (name, url)
    assert name in sections, f"RUNBOOK.md has no '## {name}' section"
print(f"ok: {len(alerts)} alerts link to their RUNBOOK.md sections under {base}")
EOF
other=https://git.example.org/polylateral/-/blob/main/deploy/prometheus/RUNBOOK.md
scripts/render-prometheus-rules "$other" "$tmp/rendered.yml"
promtool check rules "$tmp/rendered.yml" >/dev/null || fail "rendered rules do not check"
old=$(sed -n 's/^# RUNBOOK_BASE=//p' deploy/prometheus/rules.yml)
! grep -qF "$old" "$tmp/rendered.yml" || fail "rendered rules still name $old"
(($(grep -cF "runbook_url: \"$other#" "$tmp/rendered.yml") >= 18)) || fail "rendered runbook_url"
echo "ok: rendered under $other"

echo "== dashboard"
dash=deploy/grafana/polylateral.json
jq -e '.uid == "polylateral" and ([.templating.list[].name] | index("datasource") and index("namespace") and index("service"))' \
  "$dash" >/dev/null || fail "$dash: uid or datasource/namespace/service variables missing"
# Every panel and query uses the datasource variable.
jq -e '[.panels[] | select(.type != "row") | .datasource.uid, .targets[].datasource.uid]
       | all(. == "${datasource}")' "$dash" >/dev/null ||
  fail "$dash: a panel does not use \${datasource}"
# Every recording rule a panel names exists in rules.yml.
recorded=$(python3 -c 'import yaml,sys
for g in yaml.safe_load(open("deploy/prometheus/rules.yml"))["groups"]:
    for r in g["rules"]:
        if "record" in r: print(r["record"])')
mapfile -t exprs < <(jq -r '.panels[].targets[]?.expr' "$dash")
((${#exprs[@]} >= 10)) || fail "$dash: only ${#exprs[@]} queries"
for e in "${exprs[@]}"; do
  for name in $(grep -oE '[a-z_]+:[a-z0-9_]+:[a-z0-9_]+' <<<"$e" || true); do
    grep -qxF "$name" <<<"$recorded" || fail "$dash uses $name, not recorded in rules.yml"
  done
done

echo "== end to end: redis-server, polylateral-registry, prometheus"
redis_acl_setup "$tmp/redis-acl"
start_listening "$tmp/redis.log" 20000 redis-server --port @PORT@ --bind 127.0.0.1 --dir "$tmp" \
  --save "" --appendonly no --daemonize no --maxmemory 64mb --maxmemory-policy noeviction \
  "${REDIS_ACL_ARGS[@]}" || fail "redis-server did not start"
redis_pid=$STARTED_PID
redis_port=$STARTED_PORT
pids+=("$redis_pid")
mkdir -p "$tmp/replica"
start_listening "$tmp/redis-replica.log" 20000 redis-server --port @PORT@ --bind 127.0.0.1 \
  --dir "$tmp/replica" --save "" --appendonly no --daemonize no "${REDIS_ACL_ARGS[@]}" \
  --replicaof 127.0.0.1 "$redis_port" --masteruser replication \
  --masterauth "$(<"$REDIS_ACL_DIR/replication")" || fail "the replica redis-server did not start"
replica_port=$STARTED_PORT
pids+=("$STARTED_PID")
# An exporter per node, as the StatefulSet's sidecar runs it (k8s/base/redis/statefulset.yaml).
exporter_ports=()
for port in "$redis_port" "$replica_port"; do
  start_listening "$tmp/exporter-$port.log" 21000 env REDIS_PASSWORD="$(<"$REDIS_ACL_DIR/exporter")" \
    prometheus-redis-exporter -redis.addr="redis://127.0.0.1:$port" -redis.user=exporter \
    -config-command=- -web.listen-address=127.0.0.1:@PORT@ || fail "the exporter of $port did not start"
  pids+=("$STARTED_PID")
  exporter_ports+=("$STARTED_PORT")
done
redis_auth_flags registry
start_listening "$tmp/registry.log" 10000 "$registry_bin" --listen=127.0.0.1:@PORT@ --health_listen=off \
  --metrics_listen=127.0.0.1:@PORT2@ --redis="127.0.0.1:$redis_port" "${REDIS_AUTH_FLAGS[@]}" ||
  fail "registry did not start"
registry_pid=$STARTED_PID
grpc_port=$STARTED_PORT
metrics_port=$STARTED_PORT2
pids+=("$registry_pid")
wait_for_port "$metrics_port" 20 || fail "registry metrics port did not open"

# The production config with 1 s intervals, the registry job pointed at the private registry,
# and the Kubernetes job (static target + the labels pod discovery would set) to prove its
# relabelling yields job="registry" and scrapes the annotated port.
prom_port=$(free_port $((30000 + RANDOM % 2500)))
python3 - deploy/prometheus/prometheus.yml "$tmp/k8s.yml" "$tmp/prometheus.yml" \
  "$src/deploy/prometheus/rules.yml" "$metrics_port" "${exporter_ports[@]}" <<'EOF'
import sys, yaml
prod, k8s, out, rules, port, primary_exporter, replica_exporter = sys.argv[1:]
cfg = yaml.safe_load(open(prod))
cfg["global"]["scrape_interval"] = "1s"
cfg["global"]["evaluation_interval"] = "1s"
cfg["rule_files"] = [rules]
jobs = {j["job_name"]: j for j in cfg["scrape_configs"]}
assert set(jobs) == {"registry", "accreditation", "composition", "routing"}, jobs
assert jobs["registry"]["static_configs"][0]["targets"] == ["127.0.0.1:9101"]
jobs["registry"]["static_configs"][0]["targets"] = ["127.0.0.1:" + port]
pods = yaml.safe_load(open(k8s))["scrape_configs"][0]
pods["static_configs"] = [{
    "targets": ["127.0.0.1:1"],  # the pod IP with the container port; the annotation wins
    "labels": {
        "__meta_kubernetes_pod_annotation_prometheus_io_scrape": "true",
        "__meta_kubernetes_pod_annotation_prometheus_io_port": port,
        "__meta_kubernetes_pod_annotation_prometheus_io_path": "/metrics",
        "__meta_kubernetes_pod_label_app_kubernetes_io_name": "registry",
        "__meta_kubernetes_namespace": "polylateral",
        "__meta_kubernetes_pod_name": "registry-0",
    }}, {
    "targets": ["127.0.0.1:2"],  # not annotated: dropped
    "labels": {"__meta_kubernetes_pod_label_app_kubernetes_io_name": "redis-sentinel"}}]
# The Redis nodes' exporter sidecars, annotated as k8s/base/redis/statefulset.yaml does.
for pod, exporter in (("redis-0", primary_exporter), ("redis-1", replica_exporter)):
    pods["static_configs"].append({
        "targets": ["127.0.0.1:3"],
        "labels": {
            "__meta_kubernetes_pod_annotation_prometheus_io_scrape": "true",
            "__meta_kubernetes_pod_annotation_prometheus_io_port": exporter,
            "__meta_kubernetes_pod_annotation_prometheus_io_path": "/metrics",
            "__meta_kubernetes_pod_label_app_kubernetes_io_name": "redis",
            "__meta_kubernetes_namespace": "polylateral",
            "__meta_kubernetes_pod_name": pod,
        }})
cfg["scrape_configs"] = [jobs["registry"], pods]
yaml.safe_dump(cfg, open(out, "w"), sort_keys=False)
EOF
promtool check config "$tmp/prometheus.yml" >/dev/null
prometheus --config.file="$tmp/prometheus.yml" --storage.tsdb.path="$tmp/data" \
  --web.listen-address="127.0.0.1:$prom_port" --log.level=warn >"$tmp/prometheus.log" 2>&1 &
pids+=($!)
api=http://127.0.0.1:$prom_port
ready=0
for ((i = 0; i < 200; i++)); do
  if curl -sf --max-time 2 "$api/-/ready" >/dev/null 2>&1; then ready=1; break; fi
  sleep 0.1
done
((ready)) || fail "prometheus not ready on $api"

# Instant query; prints the JSON result array. Fails on an API error (bad query).
query() {
  local out
  out=$(curl -sfG --max-time 5 "$api/api/v1/query" --data-urlencode "query=$1") ||
    { echo "query failed: $1" >&2; return 1; }
  jq -e '.status == "success"' <<<"$out" >/dev/null || { echo "$out" >&2; return 1; }
  jq -c '.data.result' <<<"$out"
}
# wait_for <seconds> <description> <query> <jq test on the result array>
wait_for() {
  local limit=$1 what=$2 q=$3 test=$4 end result
  end=$((SECONDS + limit))
  while ((SECONDS < end)); do
    result=$(query "$q") || fail "bad query: $q"
    if jq -e "$test" <<<"$result" >/dev/null; then
      echo "ok: $what"
      return 0
    fi
    sleep 0.5
  done
  fail "$what: $q -> $result (wanted $test)"
}
nonempty='length > 0'
all_positive='length > 0 and all(.value[1] | tonumber > 0)'

# Scraped before the calls, so the calls show up as an increase.
wait_for 15 "registry scraped (up == 1)" 'up{job="registry"} == 1' 'length == 2'
wait_for 10 "kubernetes-pods relabelling: job=registry from the pod label, annotated port" \
  'up{job="registry",namespace="polylateral",pod="registry-0"} == 1' 'length == 1'
wait_for 10 "unannotated pod dropped" 'up{job="redis-sentinel"}' 'length == 0'
wait_for 15 "Redis exporters scraped as job=redis, both nodes up" \
  'redis_up{job="redis",namespace="polylateral"} == 1' 'length == 2'
wait_for 15 "the primary counts its replica" \
  'redis_connected_slaves{job="redis",pod="redis-0"} == 1 and on (instance) redis_instance_info{role="master"}' \
  'length == 1'
wait_for 10 "maxmemory and noeviction exported" \
  'redis_memory_max_bytes{pod="redis-0"} == 64 * 1024 * 1024 and on (instance) redis_instance_info{maxmemory_policy="noeviction"}' \
  'length == 1'
# Every redis_* metric the rules and the dashboard use is one this exporter exports.
exported=$(query 'count by (__name__) ({__name__=~"redis_.+",job="redis"})' | jq -r '.[].metric.__name__')
used=$( (python3 -c 'import yaml
for g in yaml.safe_load(open("deploy/prometheus/rules.yml"))["groups"]:
    for r in g["rules"]: print(r["expr"])'
  jq -r '.panels[].targets[]?.expr' "$dash") | grep -oE '\bredis_[a-z_]+\b' | sort -u)
[[ $(wc -l <<<"$used") -ge 6 ]] || fail "only $(wc -l <<<"$used") redis_* metrics found in the rules and dashboard"
for name in $used; do
  grep -qxF "$name" <<<"$exported" || fail "$name (rules.yml or the dashboard) is not exported by prometheus-redis-exporter"
done
echo "ok: $(wc -w <<<"$used") redis_* metrics of the rules and dashboard exported: $(tr '\n' ' ' <<<"$used")"
# The ACL user `exporter` lets it run what it asks, but SLOWLOG GET (left out on purpose:
# entries quote commands' arguments).
denied=$(for port in "$redis_port" "$replica_port"; do redis_admin_cli -p "$port" acl log 100; done |
  grep -A1 -x object | grep -vx -e object -e -- | sort -u | grep -vx 'slowlog|get' || true)
[[ -z $denied ]] || fail "the exporter was refused commands its ACL user lacks: $denied"
# ... and nothing more: no key, no CONFIG GET (masterauth), no SLOWLOG GET.
as_exporter() {
  REDISCLI_AUTH=$(<"$REDIS_ACL_DIR/exporter") redis-cli -p "$replica_port" --user exporter \
    --no-auth-warning "$@" 2>&1
}
for cmd in "get {reg}:x" "config get masterauth" "slowlog get 1" "scan 0"; do
  read -ra words <<<"$cmd"
  out=$(as_exporter "${words[@]}")
  [[ $out == NOPERM* ]] || fail "the ACL user exporter may run $cmd: $out"
done
echo "ok: the exporter's ACL user reads INFO and nothing it does not need"

target=127.0.0.1:$grpc_port
"$client_bin" --kind=list --duration=1 --warmup=0 --concurrency=2 --target="$target" \
  >"$tmp/client-list.log" 2>&1 || fail "bench client (list) failed: $(cat "$tmp/client-list.log")"
"$client_bin" --kind=get --ids=5 --duration=1 --warmup=0 --concurrency=2 --target="$target" \
  >"$tmp/client-get.log" 2>&1 || true  # every call is NotFound
grep -q . "$tmp/client-get.log" || fail "bench client (get) printed nothing"

m='job="registry",grpc_service="polylateral.registry.v1.RegistryService"'
wait_for 15 "request rate of ListStakeholders > 0" \
  "job_grpc_method:grpc_server_handled:rate5m{$m,grpc_method=\"ListStakeholders\"}" "$all_positive"
wait_for 15 "request rate of GetStakeholder > 0" \
  "job_grpc_method:grpc_server_handled:rate5m{$m,grpc_method=\"GetStakeholder\"}" "$all_positive"
wait_for 10 "NotFound counted as client errors" \
  "job_grpc_method:grpc_server_handled_client_errors:rate5m{$m,grpc_method=\"GetStakeholder\"}" \
  "$all_positive"
wait_for 10 "server-error ratio of GetStakeholder is 0" \
  "job_grpc_method:grpc_server_handled_server_errors:ratio_rate5m{$m,grpc_method=\"GetStakeholder\"}" \
  'length == 2 and all(.value[1] | tonumber == 0)'  # one per namespace: none, "polylateral"
wait_for 10 "p50 and p99 of GetStakeholder recorded, under 0.5 s" \
  "{__name__=~\"job_grpc_method:grpc_server_handling_seconds:p(50|99)_5m\",$m,grpc_method=\"GetStakeholder\"}" \
  'length == 4 and all(.value[1] | tonumber | . > 0 and . < 0.5)'  # 2 quantiles x 2 namespaces
wait_for 10 "idle methods have no latency series (not NaN)" \
  "job_grpc_method:grpc_server_handling_seconds:p99_5m{$m,grpc_method=\"DeleteProcess\"}" 'length == 0'
wait_for 10 "Redis command p99 recorded" \
  'job_command:polylateral_redis_command_duration_seconds:p99_5m{job="registry"}' "$all_positive"
wait_for 5 "accreditation rules: absent metrics give no series, no error" \
  '{__name__=~"job_route_outcome:polylateral_accreditation_decisions:rate5m|job:polylateral_accreditation_due_backlog:max"}' \
  'length == 0'
wait_for 10 "availability SLO: calls counted, no server error (the NotFound ones are the caller's)" \
  'namespace_job:polylateral_slo_server_errors:ratio_rate5m{job="registry"}' \
  'length == 2 and all(.value[1] | tonumber == 0)'
# Also proves the objective's bucket (le="0.25") is spelled as the service exports it.
wait_for 10 "latency SLO: every call within 0.25 s" \
  'namespace_job:polylateral_slo_slow_calls:ratio_rate5m{job="registry"}' \
  'length == 2 and all(.value[1] | tonumber == 0)'
wait_for 5 "no error alert while calls succeed or fail on the client side" \
  'ALERTS{alertname=~"PolylateralErrorBudgetBurn.*|PolylateralLatencyBudgetBurn.*|PolylateralServiceDown|PolylateralRedisErrors"}' \
  'length == 0'

# Every dashboard query, with its variables set to All ($namespace: .*, which also matches the
# local jobs' missing label), runs; those on what this test produces (gRPC, Redis from the
# services and the exporters, read caches) have data now, and none has any for another
# namespace (every selector filters by $namespace).
with_data=0
for e in "${exprs[@]}"; do
  q=${e//\$service/.+}
  q=${q//\$method/.+}
  result=$(query "${q//\$namespace/.*}") || fail "dashboard query rejected by Prometheus: $q"
  case $q in
    *accreditation* | *composition* | *routing_* | *ALERTS* | *client_errors* | *resource_exhausted*) ;;
    *)
      jq -e 'length > 0' <<<"$result" >/dev/null || fail "dashboard query has no data: $q"
      with_data=$((with_data + 1))
      ;;
  esac
  result=$(query "${q//\$namespace/elsewhere}") || fail "dashboard query rejected by Prometheus: $q"
  jq -e 'length == 0' <<<"$result" >/dev/null || fail "dashboard query ignores \$namespace: $q"
done
((with_data >= 20)) || fail "only $with_data dashboard queries were expected to return data"
# The variables' label_values(SELECTOR, LABEL), as Grafana asks the labels API: the namespace
# variable lists the Kubernetes job's namespace, the service variable the registry.
variable_values() {
  local def selector label
  def=$(jq -r --arg n "$1" '.templating.list[] | select(.name == $n) | .query.query' "$dash")
  [[ $def =~ ^label_values\((.*),\ *([a-z_]+)\)$ ]] || fail "variable $1: not label_values(...): $def"
  selector=${BASH_REMATCH[1]//\$namespace/.*}
  label=${BASH_REMATCH[2]}
  curl -sfG --max-time 5 "$api/api/v1/label/$label/values" --data-urlencode "match[]=${selector//\$service/.+}" |
    jq -r '.data[]'
}
variable_values namespace | grep -qx polylateral || fail "the namespace variable does not list polylateral"
variable_values service | grep -qx registry || fail "the service variable does not list registry"
variable_values method | grep -qx GetStakeholder || fail "the method variable does not list GetStakeholder"
echo "ok: ${#exprs[@]} dashboard queries valid, $with_data with data, none for another namespace"

# Redis gone: the registry answers Unavailable (a server error) and counts Redis errors.
kill -KILL "$redis_pid"
wait "$redis_pid" 2>/dev/null || true
"$client_bin" --kind=get --ids=5 --duration=1 --warmup=0 --concurrency=2 --target="$target" \
  >"$tmp/client-noredis.log" 2>&1 || true
wait_for 15 "server-error ratio of GetStakeholder > 0 with Redis down" \
  "job_grpc_method:grpc_server_handled_server_errors:ratio_rate5m{$m,grpc_method=\"GetStakeholder\"}" \
  "$all_positive"
wait_for 10 "Redis errors counted" 'job:polylateral_redis_errors:rate5m{job="registry"}' "$all_positive"
wait_for 15 "PolylateralErrorBudgetBurn pending (for: 2m)" \
  'ALERTS{alertname="PolylateralErrorBudgetBurn",alertstate="pending",job="registry",severity="critical"}' \
  "$nonempty"

# Registry gone: up == 0 and the service-down alert pending (production for: 1m).
kill -KILL "$registry_pid"
wait "$registry_pid" 2>/dev/null || true
wait_for 15 "up == 0 after the registry died" 'up{job="registry"} == 0' 'length == 2'
wait_for 10 "PolylateralServiceDown pending" \
  'ALERTS{alertname="PolylateralServiceDown",alertstate="pending",job="registry",severity="critical"}' \
  'length == 2'
echo "PASS"
