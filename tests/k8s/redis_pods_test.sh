#!/usr/bin/env bash
# Runs k8s/base's Redis pods as rendered -- the StatefulSets redis (3) and redis-sentinel (3)
# and the CronJob redis-backup, with their init containers, scripts (ConfigMap redis-scripts),
# env, args, volumes and probes (tests/node/pod_sim.mjs) -- each in its own network, mount and
# UTS namespace on a private bridge, named by DNS as in the cluster (<pod>.redis,
# <pod>.redis-sentinel, through a private /etc/hosts), with real redis-server processes:
#  1. a fresh start: redis-0 the primary, the others its replicas, every sentinel names
#     redis-0 and knows 2 replicas and 2 other sentinels; every readiness and liveness probe
#     passes (the health user, the sentinels' default user); every node's maxmemory is 70 % of
#     its container's memory limit, with noeviction; the exporter sidecar, as rendered, exports
#     redis-0's figures as the ACL user exporter;
#  2. a write as the registry user acknowledged by a replica (WAIT 1);
#  3. redis-0 killed: the sentinels promote a replica, which holds the write;
#  4. redis-0 restarted: start-redis.sh asks the sentinels and rejoins as a replica;
#  5. a sentinel restarted: it monitors the new primary, and its peers still count 2 others
#     (its id survives the restart);
#  6. the backup job: a snapshot from a replica, checked;
#  7. the sentinels' default user cannot order a failover.
# Needs root (namespaces, mounts); exit 77 (ctest: skipped) without. Not simulated: pod users,
# resource limits, read-only root filesystems, NetworkPolicies (tests/node checks those).
set -euo pipefail
src=${POLYLATERAL_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$src"
if [[ -z ${POLYLATERAL_IN_NAMESPACE:-} ]]; then
  if [[ $(id -u) != 0 ]] || ! unshare --net --mount --uts true 2>/dev/null; then
    echo "SKIP: needs root and unshare (network and mount namespaces)"
    exit 77
  fi
  # Our own network and mount namespaces: the bridge, the names and the mounts vanish with us.
  exec unshare --net --mount --fork env POLYLATERAL_IN_NAMESPACE=1 "$0" "$@"
fi
source scripts/lib.sh

tmp=$(mktemp -d)
declare -A pid=()
cleanup() {
  local p
  for p in "${pid[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  for p in "${pid[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  for f in "$tmp"/*.log; do
    [[ -f $f ]] && { echo "--- $f (tail)" >&2; tail -n 15 "$f" >&2; }
  done
  exit 1
}
# until_true <seconds> <command...>: polls every 0.1 s.
until_true() {
  local limit=$1 i
  shift
  for ((i = 0; i < limit * 10; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}

mount --make-rprivate /
ip link set lo up
ip link add br0 type bridge
ip addr add 10.77.0.254/24 dev br0
ip link set br0 up
declare -A ip_of=([redis-0]=10.77.0.1 [redis-1]=10.77.0.2 [redis-2]=10.77.0.3
  [redis-sentinel-0]=10.77.0.11 [redis-sentinel-1]=10.77.0.12 [redis-sentinel-2]=10.77.0.13
  [redis-backup]=10.77.0.21)
# A pod's DNS name exists while the pod does (the headless Services publish pods that are not
# ready yet); the file is rewritten in place, so every pod's bind of it sees the change.
cp /etc/hosts "$tmp/hosts"
mount --bind "$tmp/hosts" /etc/hosts
declare -A dns_of=([redis-0]=redis-0.redis [redis-1]=redis-1.redis [redis-2]=redis-2.redis
  [redis-sentinel-0]=redis-sentinel-0.redis-sentinel [redis-sentinel-1]=redis-sentinel-1.redis-sentinel
  [redis-sentinel-2]=redis-sentinel-2.redis-sentinel [redis-backup]=redis-backup)
unpublish() {
  grep -v " ${dns_of[$1]}\$" /etc/hosts >"$tmp/hosts.new" || true
  cat "$tmp/hosts.new" >/etc/hosts
}
publish() {
  unpublish "$1"
  echo "${ip_of[$1]} ${dns_of[$1]}" >>/etc/hosts
}

node tests/node/kustomize_lite.mjs k8s/base >"$tmp/base.yaml"
# The Secret redis-acl: one password per user (scripts/redis-acl generates them).
scripts/redis-acl "$tmp/passwords" >/dev/null
rm "$tmp/passwords/users.acl"
mkdir -p "$tmp/claims"

veth=0
in_other_netns() { [[ $(readlink "/proc/$1/ns/net") != "$2" ]]; }
# start_pod <pod> <kind> <object>: runs the pod in the background; pid[<pod>] is its process.
start_pod() {
  local pod=$1 kind=$2 name=$3
  node tests/node/pod_sim.mjs run "$tmp/base.yaml" "$kind" "$name" "$pod" "$tmp/root-$pod" \
    "$tmp/passwords" "$tmp/claims" >"$tmp/$pod.sh"
  # shellcheck disable=SC2016  # expanded by the pod's shell
  unshare --net --mount --uts bash -c '
    for ((i = 0; i < 100; i++)); do ip link show eth0 >/dev/null 2>&1 && break; sleep 0.05; done
    ip link set lo up && ip addr add "$1/24" dev eth0 && ip link set eth0 up && hostname "$2"
    exec bash "$3"' pod "${ip_of[$pod]}" "$pod" "$tmp/$pod.sh" >>"$tmp/$pod.log" 2>&1 &
  pid[$pod]=$!
  # The process runs in our namespace until unshare has made its own.
  local ours
  ours=$(readlink /proc/self/ns/net)
  until_true 10 in_other_netns "${pid[$pod]}" "$ours" || fail "$pod: no network namespace"
  veth=$((veth + 1))
  ip link add "vh$veth" type veth peer name eth0 netns "${pid[$pod]}"
  ip link set "vh$veth" master br0 up
  publish "$pod"
}
stop_pod() {
  kill -KILL "${pid[$1]}"
  wait "${pid[$1]}" 2>/dev/null || true
  unpublish "$1"
}
# probe <pod> <kind> <object> readinessProbe|livenessProbe: runs it inside the pod.
probe() {
  local cmd
  cmd=$(node tests/node/pod_sim.mjs probe "$tmp/base.yaml" "$2" "$3" "$4")
  eval "nsenter -t ${pid[$1]} -n -m chroot $tmp/root-$1 $cmd"
}
admin() {
  local host=$1
  shift
  REDISCLI_AUTH=$(<"$tmp/passwords/admin") redis-cli -h "$host" --user admin --no-auth-warning "$@"
}
sentinel() {
  local n=$1
  shift
  redis-cli -h "redis-sentinel-$n.redis-sentinel" -p 26379 "$@"
}
linked() { admin "$1" info replication | grep -q '^master_link_status:up'; }
names() { [[ $(sentinel "$1" sentinel get-master-addr-by-name polylateral | head -n 1) == "$2" ]]; }
knows() {
  local info
  info=$(REDISCLI_AUTH=$(<"$tmp/passwords/sentinel") redis-cli -h "redis-sentinel-$1.redis-sentinel" \
    -p 26379 --user sentinel --no-auth-warning sentinel master polylateral | paste - -)
  grep -qP "^num-slaves\t2$" <<<"$info" && grep -qP "^num-other-sentinels\t2$" <<<"$info"
}

echo "== a fresh start"
# StatefulSet redis starts its pods in order, each once the one before is ready.
for p in redis-0 redis-1 redis-2; do
  start_pod "$p" StatefulSet redis
  until_true 30 probe "$p" StatefulSet redis readinessProbe || fail "$p never became ready"
done
for p in redis-1 redis-2; do until_true 30 linked "$p.redis" || fail "$p did not replicate"; done
[[ $(admin redis-0.redis role | head -n 1) == master ]] || fail "redis-0 is not the primary"
# maxmemory: 70 % of the container's memory limit (start-redis.sh, from the downward API).
limit=$(python3 -c 'import sys, yaml
sts = [o for o in yaml.safe_load_all(open(sys.argv[1])) if o and o["kind"] == "StatefulSet" and o["metadata"]["name"] == "redis"][0]
print([c for c in sts["spec"]["template"]["spec"]["containers"] if c["name"] == "redis"][0]["resources"]["limits"]["memory"])' \
  "$tmp/base.yaml")
[[ $limit =~ ^([0-9]+)Gi$ ]] || fail "the Redis memory limit $limit is not in Gi"
want=$((BASH_REMATCH[1] * 1024 * 1024 * 1024 * 70 / 100))
for p in redis-0 redis-1 redis-2; do
  [[ $(admin "$p.redis" config get maxmemory | tail -n 1) == "$want" ]] ||
    fail "$p: maxmemory is not $want (70 % of $limit)"
  [[ $(admin "$p.redis" config get maxmemory-policy | tail -n 1) == noeviction ]] ||
    fail "$p: maxmemory-policy is not noeviction"
done
echo "ok: maxmemory $want (70 % of $limit), noeviction"
# The exporter sidecar as rendered, in redis-0's network namespace: it reads its node as the
# ACL user exporter and needs nothing that user lacks but SLOWLOG GET (left out on purpose).
cmd=$(node tests/node/pod_sim.mjs sidecar "$tmp/base.yaml" StatefulSet redis exporter "$tmp/passwords")
(eval "exec nsenter -t ${pid[redis-0]} -n $cmd") >>"$tmp/exporter.log" 2>&1 &
pid[exporter]=$!
scrape() { nsenter -t "${pid[redis-0]}" -n curl -sf --max-time 2 http://127.0.0.1:9121/metrics >"$tmp/metrics"; }
until_true 20 scrape || fail "the exporter sidecar does not serve metrics"
grep -qx 'redis_up 1' "$tmp/metrics" || fail "the exporter cannot read redis-0: $(grep '^redis_up' "$tmp/metrics")"
grep -q '^redis_instance_info{.*role="master"' "$tmp/metrics" || fail "the exporter does not see redis-0 as the primary"
grep -qx 'redis_connected_slaves 2' "$tmp/metrics" || fail "the exporter does not count 2 replicas"
[[ $(awk '$1 == "redis_memory_max_bytes" { printf "%d", $2 }' "$tmp/metrics") == "$want" ]] ||
  fail "the exporter does not export maxmemory $want"
denied=$(admin redis-0.redis acl log 100 | grep -A1 -x object | grep -vx -e object -e -- | sort -u |
  grep -vx 'slowlog|get' || true)
[[ -z $denied ]] || fail "the exporter was refused: $denied"
echo "ok: the exporter sidecar exports redis-0 (primary, 2 replicas, maxmemory) as the user exporter"
for n in 0 1 2; do start_pod "redis-sentinel-$n" StatefulSet redis-sentinel; done
for n in 0 1 2; do
  until_true 30 probe "redis-sentinel-$n" StatefulSet redis-sentinel readinessProbe ||
    fail "sentinel $n never became ready"
  names "$n" redis-0.redis || fail "sentinel $n does not name redis-0.redis"
  until_true 30 knows "$n" || fail "sentinel $n does not see 2 replicas and 2 sentinels"
done
for p in redis-0 redis-1 redis-2; do
  probe "$p" StatefulSet redis livenessProbe || fail "$p fails its liveness probe"
done
probe redis-sentinel-0 StatefulSet redis-sentinel livenessProbe || fail "the sentinel fails its liveness probe"
echo "ok: redis-0 primary, 2 replicas, 3 sentinels; probes pass"

echo "== a write acknowledged by a replica"
acked=$(printf '%s\n' 'SET {reg}:sh:failover "before the failover"' 'WAIT 1 5000' |
  REDISCLI_AUTH=$(<"$tmp/passwords/registry") redis-cli -h redis-0.redis --user registry --no-auth-warning | tail -n 1)
[[ $acked =~ ^[12]$ ]] || fail "WAIT 1 answered $acked (no replica acknowledged)"

echo "== redis-0 killed"
stop_pod redis-0
promoted() {
  local now
  now=$(sentinel 1 sentinel get-master-addr-by-name polylateral | head -n 1)
  [[ $now == redis-1.redis || $now == redis-2.redis ]] && [[ $(admin "$now" role | head -n 1) == master ]]
}
until_true 60 promoted || fail "no replica was promoted"
primary=$(sentinel 1 sentinel get-master-addr-by-name polylateral | head -n 1)
[[ $(admin "$primary" get '{reg}:sh:failover') == "before the failover" ]] || fail "$primary lacks the write"
echo "ok: $primary promoted, with the write"

echo "== redis-0 restarted"
start_pod redis-0 StatefulSet redis
rejoined() { [[ $(admin redis-0.redis info replication | grep '^master_host:' | tr -d '\r') == "master_host:$primary" ]] && linked redis-0.redis; }
until_true 60 rejoined || fail "redis-0 did not rejoin as a replica of $primary"
grep -q "sentinel .* names the primary $primary:6379" "$tmp/redis-0.log" || fail "start-redis.sh did not ask the sentinels"
echo "ok: redis-0 replicates from $primary"

echo "== a sentinel restarted"
stop_pod redis-sentinel-1
start_pod redis-sentinel-1 StatefulSet redis-sentinel
until_true 30 probe redis-sentinel-1 StatefulSet redis-sentinel readinessProbe || fail "sentinel 1 did not come back"
names 1 "$primary" || fail "the restarted sentinel does not name $primary"
until_true 30 knows 1 || fail "the restarted sentinel does not see 2 replicas and 2 sentinels"
knows 0 || fail "sentinel 0 counts other than 2 other sentinels after a restart"
echo "ok: it monitors $primary; still 3 sentinels"

echo "== the backup job"
start_pod redis-backup CronJob redis-backup
wait "${pid[redis-backup]}" || fail "the backup job failed"
grep -E "from redis-[012]\.redis:6379$" "$tmp/redis-backup.log" | grep -qv "from $primary:" ||
  fail "the backup was not taken from a replica"
snapshot=$(find "$tmp/claims/redis-backups" -name 'polylateral-*.rdb')
redis-check-rdb "$snapshot" | grep -q '1 keys read' || fail "the snapshot does not hold the key"
echo "ok: $(tail -n 1 "$tmp/redis-backup.log")"

out=$(sentinel 0 sentinel failover polylateral)
[[ $out == NOPERM* ]] || fail "the sentinels' default user may order a failover: $out"
echo "PASS"
