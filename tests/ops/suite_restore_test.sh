#!/usr/bin/env bash
# A whole suite restored from a backup works, as the runbook restores it (docs/operations.md,
# "Restoring a whole suite"), on loopback with real parts only:
#  1. scripts/up in its deployed shape: a Redis primary, 2 replicas and 3 sentinels with the ACL
#     users, the four services of this build tree (the sanitizer build in CI) with mutual TLS
#     and scripts/dev-ca certificates; its own data directory and ports (POLYLATERAL_UP_VAR,
#     _BUILD, _PORT_BASE);
#  2. writes through the gRPC APIs with tools/call/polylateral-call.mjs: stakeholders
#     (registry); three non-objection applications in their notice period on a notice list
#     whose deadline is a few seconds away, one of them objected to, and one application
#     admitted at once on an open route (accreditation); a body with nominations
#     (composition); inputs queued in the clearing house's inbox, never pulled (routing);
#  3. a backup by deploy/redis/backup.sh from a replica (found through the sentinels) before
#     the deadline; FLUSHALL on the primary as the admin user (the loss); scripts/up stopped,
#     scripts/restore --force, the deadline passing while the suite is down, scripts/up
#     started again;
#  4. every stakeholder, application, nomination and input is back, read through the APIs;
#     the three pending applications are each decided exactly once, by the scheduler of the
#     restored suite (decide time after the restart; one decision event each on
#     {acc}:events; the restarted accreditation counted three decisions), the objected one
#     blocked, the others granted; the admitted one keeps its decision and no second one; the
#     queued inputs are pulled from the inbox, acknowledged, and not handed out again.
# Exit 77 (ctest: skipped) when Node.js with the repository's packages, python3 or Redis'
# tools are missing (scripts/setup installs them).
set -euo pipefail
src=${POLYLATERAL_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${POLYLATERAL_BINARY_DIR:-$src/build/release}
cd "$src"
source scripts/lib.sh

for tool in node python3 redis-server redis-cli redis-check-rdb openssl setsid; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIP: $tool not installed (scripts/setup installs what the suite needs)"
    exit 77
  fi
done
if [[ ! -d tests/node/node_modules/@grpc/grpc-js ]]; then
  echo "SKIP: tests/node/node_modules missing (scripts/setup runs npm ci there)"
  exit 77
fi
for name in registry accreditation composition routing; do
  if [[ ! -x $bin/services/$name/polylateral-$name ]]; then
    echo "FAIL: $bin/services/$name/polylateral-$name not built" >&2
    exit 1
  fi
done

tmp=$(mktemp -d)
var=$tmp/var
up_pid=""
cleanup() {
  # scripts/up leads its own process group (setsid): stop it as Ctrl-C would, then make sure.
  if [[ -n $up_pid ]] && kill -0 "$up_pid" 2>/dev/null; then
    kill -TERM "$up_pid" 2>/dev/null || true
    for ((i = 0; i < 300; i++)); do
      kill -0 "$up_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$up_pid" 2>/dev/null || true
  fi
  if [[ -n ${CALLER_PID:-} ]]; then kill "$CALLER_PID" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  for f in "$tmp"/up.log "$var"/log/{registry,accreditation,composition,routing}.log; do
    [[ -f $f ]] && { echo "--- $f (tail)" >&2; tail -n 15 "$f" >&2; }
  done
  exit 1
}
now_s() { date +%s; }

# The services' ports: a base with the 24 ports above it free (scripts/up's layout), below
# the sentinels' 26380 and Linux's ephemeral ports.
port_base=""
for ((attempt = 0; attempt < 50; attempt++)); do
  b=$((20000 + RANDOM % 6000))
  taken=0
  for ((p = b + 1; p <= b + 24; p++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then taken=1 && break; fi
  done
  [[ $taken == 0 ]] && port_base=$b && break
done
[[ -n $port_base ]] || fail "no 24 free ports in a row below 26000"
declare -A port=([registry]=$((port_base + 1)) [accreditation]=$((port_base + 2))
  [composition]=$((port_base + 3)) [routing]=$((port_base + 4)))
accreditation_metrics=$((port_base + 12))

starts=0
# start_suite: scripts/up in the background, until it says it is up (at most 90 s).
start_suite() {
  starts=$((starts + 1))
  POLYLATERAL_UP_VAR=$var POLYLATERAL_UP_BUILD=$bin POLYLATERAL_UP_PORT_BASE=$port_base \
    POLYLATERAL_UP_DEMO=0 setsid scripts/up >>"$tmp/up.log" 2>&1 &
  up_pid=$!
  for ((i = 0; i < 900; i++)); do
    [[ $(grep -c '^polylateral is up' "$tmp/up.log") -ge $starts ]] && break
    kill -0 "$up_pid" 2>/dev/null || fail "scripts/up exited"
    sleep 0.1
  done
  [[ $(grep -c '^polylateral is up' "$tmp/up.log") -ge $starts ]] || fail "scripts/up did not come up"
  # shellcheck disable=SC1091  # written by scripts/up
  source "$var/up.env"
}
# stop_suite: SIGTERM, as Ctrl-C: services, sentinels, then Redis stop cleanly.
stop_suite() {
  kill -TERM "$up_pid"
  wait "$up_pid" || true
  up_pid=""
  grep -q '^== stopped' "$tmp/up.log" || fail "scripts/up did not stop cleanly"
}
admin_cli() {
  REDISCLI_AUTH=$(<"$var/redis-acl/admin") redis-cli --user admin --no-auth-warning \
    -h "${POLYLATERAL_UP_REDIS_PRIMARY%:*}" -p "${POLYLATERAL_UP_REDIS_PRIMARY##*:}" "$@"
}

# The calls go through one tools/call/polylateral-call.mjs --lines (a Node.js start per call
# costs seconds on a loaded machine); it connects anew for each call.
coproc CALLER { exec tools/call/polylateral-call.mjs --tls "$var/tls" --lines 2>"$tmp/caller.err"; }
# ask <principal> <service> <method> <json>: the answer line in $tmp/answer.
ask() {
  local answer
  printf '{"as":"%s","service":"%s","method":"%s","target":"127.0.0.1:%s","request":%s}\n' \
    "$1" "$2" "$3" "${port[$2]}" "${4//$'\n'/ }" >&"${CALLER[1]}"
  IFS= read -r -t 60 answer <&"${CALLER[0]}" ||
    fail "polylateral-call.mjs --lines did not answer: $(cat "$tmp/caller.err")"
  printf '%s\n' "$answer" >"$tmp/answer"
}
# call <principal> <service> <method> <json>: the response in $tmp/answer, or FAIL with the error.
call() {
  ask "$@"
  grep -q '^{"response":' "$tmp/answer" || fail "$2 $3 as $1: $(cat "$tmp/answer")"
}
# call_ready: as call, retried while the service answers UNAVAILABLE (not yet connected to
# the primary after a start), at most 30 s.
call_ready() {
  local give_up=$(($(now_s) + 30))
  ask "$@"
  while grep -q '^{"error":{"code":"UNAVAILABLE"' "$tmp/answer" && [[ $(now_s) -lt $give_up ]]; do
    sleep 0.5
    ask "$@"
  done
  grep -q '^{"response":' "$tmp/answer" || fail "$2 $3 as $1: $(cat "$tmp/answer")"
}
# json <python expression over `r`, the last response>: prints its value.
json() {
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["response"]; print(eval(sys.argv[2]))' \
    "$tmp/answer" "$1"
}
expect() {
  local got
  got=$(json "$1")
  [[ $got == "$2" ]] || fail "$3: $1 is '$got', not '$2' in $(cat "$tmp/answer")"
}

echo "== the suite, as deployed (scripts/up from $bin)"
start_suite
echo "ok: up; services from $port_base + 1..4; sentinels $POLYLATERAL_UP_REDIS_SENTINELS"

echo "== writes through the APIs"
P=processes/bk-drill
call_ready operator:ops registry CreateProcess '{"processId":"bk-drill","process":{
  "displayName":"Backup drill forum","hostInstitution":"Secretariat",
  "modalities":{"disclosurePolicy":"PUBLIC","routes":[
    {"routeId":"notice","kind":"NON_OBJECTION","grantedRights":["ATTEND_PLENARY"],
     "eligibleGroups":["CIVIL_SOCIETY"],"objectionRule":{"kind":"ANY_SINGLE_OBJECTION"},
     "noticePeriod":{"seconds":"3600"}},
    {"routeId":"open","kind":"OPEN_REGISTRATION","grantedRights":["ATTEND_PLENARY"],
     "eligibleGroups":["TECHNICAL_COMMUNITY"]}]}}}'
stakeholders=(bk-ngo-1 bk-ngo-2 bk-ngo-3 bk-tech bk-author)
groups=(CIVIL_SOCIETY CIVIL_SOCIETY CIVIL_SOCIETY TECHNICAL_COMMUNITY ACADEMIA)
countries=(KE BR FR JP IN)
for i in "${!stakeholders[@]}"; do
  call operator:ops registry CreateStakeholder "{\"stakeholderId\":\"${stakeholders[$i]}\",
    \"stakeholder\":{\"kind\":\"ORGANISATION\",\"displayName\":\"Backup drill ${stakeholders[$i]}\",
    \"stakeholderGroup\":\"${groups[$i]}\",\"country\":\"${countries[$i]}\"}}"
done

apps=()
for s in bk-ngo-1 bk-ngo-2 bk-ngo-3 bk-tech; do
  route=notice
  [[ $s == bk-tech ]] && route=open
  call_ready operator:ops accreditation CreateApplication \
    "{\"parent\":\"$P\",\"application\":{\"stakeholder\":\"stakeholders/$s\",\"routeId\":\"$route\"}}"
  app=$(json 'r["name"]')
  call operator:ops accreditation SubmitApplication "{\"name\":\"$app\"}"
  apps+=("$app")
done
pending=("${apps[@]:0:3}")
admitted=${apps[3]}
expect 'r["state"]' APPROVED "the open route admits at once"
admitted_decide_time=$(json 'r["decideTime"]["seconds"]')
call state:FR accreditation LodgeObjection \
  "{\"parent\":\"${pending[2]}\",\"state\":\"states/FR\",\"grounds\":\"backup drill\"}"

call_ready operator:ops composition CreateBody "{\"parent\":\"$P\",\"bodyId\":\"panel\",\"body\":{
  \"displayName\":\"Drill panel\",\"seedSha256\":\"$(printf 'backup drill seed 0123456789' | sha256sum | cut -d' ' -f1)\",
  \"spec\":{\"minSeats\":2,\"maxSeats\":2,\"features\":[{\"name\":\"stakeholder_group\",
    \"values\":[{\"value\":\"CIVIL_SOCIETY\"},{\"value\":\"ACADEMIA\"}]}]}}}"
body=$P/bodies/panel
for n in 1 2 3; do
  group=CIVIL_SOCIETY
  [[ $n == 3 ]] && group=ACADEMIA
  call operator:ops composition CreateNomination "{\"parent\":\"$body\",\"nominationId\":\"n$n\",
    \"nomination\":{\"stakeholderGroup\":\"$group\",\"candidate\":{\"id\":\"candidate-$n\"}}}"
done

inputs=()
for n in 1 2; do
  call_ready operator:ops routing SubmitInput "{\"requestId\":\"bk-input-$n\",\"input\":{
    \"kind\":\"WRITTEN_SUBMISSION\",\"author\":\"stakeholders/bk-author\",\"title\":\"Drill input $n\",
    \"text\":\"Input $n, queued before the backup\",\"language\":\"en\",\"themes\":[\"themes/cybersecurity\"],
    \"target\":{\"kind\":\"PROCESS\",\"process\":\"$P\"}}}"
  inputs+=("$(json 'r["name"]')")
done
routes=$(json '",".join(sorted(x["destination"] for x in r["routes"]))')
[[ $routes == clearing-house ]] || fail "the inputs went to '$routes', not the clearing house only"

# backup.sh takes a replica the sentinels name healthy (flags exactly "slave", link "ok"); they
# learn that from INFO within about 10 s of starting: wait for it before the clock runs.
replica_ready() {
  local s=${POLYLATERAL_UP_REDIS_SENTINELS%%,*} out
  out=$(redis-cli -h "${s%:*}" -p "${s##*:}" --raw sentinel replicas polylateral 2>/dev/null)
  grep -A1 -x flags <<<"$out" | grep -qx slave && grep -A1 -x master-link-status <<<"$out" | grep -qx ok
}
for ((i = 0; i < 300; i++)); do
  replica_ready && break
  sleep 0.1
done
replica_ready || fail "no sentinel names a healthy replica"

# The notice list moves the three notice ends to one deadline a few seconds away: due after
# the backup below, so that the snapshot holds them pending.
deadline=$(($(now_s) + 12))
call operator:ops accreditation CreateNoticeList "{\"parent\":\"$P\",\"noticeListId\":\"drill\",
  \"noticeList\":{\"applications\":[\"${pending[0]}\",\"${pending[1]}\",\"${pending[2]}\"],
  \"deadline\":{\"seconds\":\"$deadline\"}}}"
echo "ok: 5 stakeholders, 4 applications (3 due at $deadline), 3 nominations, 2 queued inputs"

echo "== backup from a replica, through the sentinels"
mkdir -p "$var/backups"
REDIS_SENTINELS=$POLYLATERAL_UP_REDIS_SENTINELS REDIS_BACKUP_PASSWORD_FILE=$var/redis-acl/backup \
  BACKUP_DIR=$var/backups deploy/redis/backup.sh >"$tmp/backup.out" 2>&1 ||
  fail "backup.sh failed: $(cat "$tmp/backup.out")"
cat "$tmp/backup.out"
[[ $(now_s) -lt $deadline ]] ||
  fail "the backup ended after the deadline ($deadline): the snapshot may hold the decisions"
if ! grep -q "from 127.0.0.1:" "$tmp/backup.out" ||
  grep -q "from $POLYLATERAL_UP_REDIS_PRIMARY\$" "$tmp/backup.out"; then
  fail "the backup was not taken from a replica"
fi
snapshot=$(find "$var/backups" -name 'polylateral-*.rdb')

echo "== the loss: FLUSHALL on the primary as admin, before the deadline"
[[ $(admin_cli flushall) == OK ]] || fail "FLUSHALL as admin failed"
# The running services write again at once (rate buckets, audit heads), so the primary is not
# left empty; the records are gone, and the registry says so once its read cache has heard
# (Redis pushes the invalidation).
for ((i = 0; i < 50; i++)); do
  ask operator:ops registry GetStakeholder '{"name":"stakeholders/bk-ngo-1"}'
  grep -q '^{"error":{"code":"NOT_FOUND"' "$tmp/answer" && break
  sleep 0.1
done
grep -q '^{"error":{"code":"NOT_FOUND"' "$tmp/answer" ||
  fail "a stakeholder is still there after FLUSHALL: $(cat "$tmp/answer"); keys: $(admin_cli --raw keys '*' | head -20 | tr '\n' ' ')"
echo "ok: $(admin_cli dbsize) keys left on the primary, written since by the running services"

echo "== restore, as the runbook says: stop, scripts/restore --force, start"
stop_suite
POLYLATERAL_UP_VAR=$var scripts/restore --force "$snapshot" || fail "scripts/restore failed"
# The deadline falls while the suite is down, as it does in an outage (a second or two to wait
# at most: the writes, the backup and the stop took most of it).
while [[ $(now_s) -le $deadline ]]; do sleep 0.2; done
restart_time=$(now_s)
start_suite
echo "ok: restarted at $restart_time"

echo "== everything is back"
call_ready operator:ops registry ListStakeholders '{"pageSize":50}'
got=$(json '",".join(sorted(s["name"] for s in r.get("stakeholders", [])))')
want=$(printf 'stakeholders/%s\n' "${stakeholders[@]}" | sort | paste -sd,)
[[ $got == "$want" ]] || fail "the stakeholders after the restore: '$got', not '$want'"
call operator:ops registry GetProcess "{\"name\":\"$P\"}"
call_ready operator:ops accreditation GetApplication "{\"name\":\"$admitted\"}"
expect 'r["state"]' APPROVED "the admitted application"
expect 'r["decideTime"]["seconds"]' "$admitted_decide_time" "the admitted application's decision"
call operator:ops accreditation ListApplications "{\"parent\":\"$P\",\"pageSize\":50}"
got=$(json '",".join(sorted(a["name"] for a in r.get("applications", [])))')
want=$(printf '%s\n' "${apps[@]}" | sort | paste -sd,)
[[ $got == "$want" ]] || fail "the applications after the restore: '$got', not '$want'"
call operator:ops accreditation GetNoticeList "{\"name\":\"$P/noticeLists/drill\"}"
expect 'len(r["applications"])' 3 "the notice list"
call_ready operator:ops composition ListNominations "{\"parent\":\"$body\"}"
expect '",".join(sorted(n["candidate"]["id"] for n in r["nominations"]))' \
  candidate-1,candidate-2,candidate-3 "the nominations"
call operator:ops composition GetBody "{\"name\":\"$body\"}"
expect 'r["state"]' NOMINATING "the body"
for input in "${inputs[@]}"; do
  call_ready operator:ops routing GetInput "{\"name\":\"$input\"}"
done

echo "== the pending deadlines: each decided once, by the restored suite"
expect_decided() {
  local i state
  for ((i = 0; i < 3; i++)); do
    call operator:ops accreditation GetApplication "{\"name\":\"${pending[$i]}\"}"
    state=$(json 'r["state"]')
    [[ $state == IN_NOTICE ]] && return 1
    want=APPROVED
    [[ $i == 2 ]] && want=REJECTED
    [[ $state == "$want" ]] || fail "${pending[$i]} is $state, not $want"
    expect 'r["decision"]["decidedBy"]' scheduler "${pending[$i]}"
    [[ $(json 'r["decideTime"]["seconds"]') -ge $restart_time ]] ||
      fail "${pending[$i]} was decided before the restore: $(cat "$tmp/answer")"
  done
}
for ((i = 0; i < 60; i++)); do
  expect_decided && break
  sleep 1
done
expect_decided || fail "the deadline $deadline passed and the applications are still in notice"
call operator:ops accreditation GetApplication "{\"name\":\"${pending[2]}\"}"
expect 'r["decision"]["kind"]' BLOCKED_BY_OBJECTIONS "the objected application"
# One decision event per application on the stream, however often the scheduler ran.
count_decision_events='
local n = 0
for _, entry in ipairs(redis.call("XRANGE", KEYS[1], "-", "+")) do
  local f, kind, app = entry[2], nil, nil
  for i = 1, #f, 2 do
    if f[i] == "type" then kind = f[i + 1] elseif f[i] == "application" then app = f[i + 1] end
  end
  if app == ARGV[1] and (kind == "application.approved" or kind == "application.rejected" or
                         kind == "application.blocked") then n = n + 1 end
end
return n'
for app in "${apps[@]}"; do
  n=$(admin_cli eval "$count_decision_events" 1 '{acc}:events' "${app##*/}")
  [[ $n == 1 ]] || fail "$app has $n decision events on {acc}:events, not 1"
done
decisions=$(curl -s "http://127.0.0.1:$accreditation_metrics/metrics" |
  awk '/^polylateral_accreditation_decisions_total\{/ { s += $2 } END { print s + 0 }')
[[ $decisions == 3 ]] || fail "the restored accreditation counted $decisions decisions, not 3"
# Routing's consumer group on {acc}:events came back with the stream and reads on from there:
# it takes in the decisions taken since (nothing left unread or unacknowledged).
group_caught_up() {
  admin_cli --raw xinfo groups '{acc}:events' | tr '\n' ' ' |
    grep -qE '(^| )name routing .*pending 0 .*lag 0( |$)'
}
for ((i = 0; i < 100; i++)); do
  group_caught_up && break
  sleep 0.1
done
group_caught_up || fail "routing did not consume the decisions: $(admin_cli xinfo groups '{acc}:events' | tr '\n' ' ')"
echo "ok: 2 granted, 1 blocked by the objection, once each, after $restart_time; routing read them"

echo "== the queued inputs: pulled, acknowledged, not handed out again"
call operator:ops routing PullInbox '{"destination":"clearing-house","maxDeliveries":10}'
got=$(json '",".join(sorted(d["input"]["name"] for d in r.get("deliveries", [])))')
want=$(printf '%s\n' "${inputs[@]}" | sort | paste -sd,)
[[ $got == "$want" ]] || fail "the clearing house's inbox holds '$got', not '$want'"
ids=$(json 'json.dumps([d["deliveryId"] for d in r["deliveries"]])')
call operator:ops routing AckDelivery "{\"destination\":\"clearing-house\",\"deliveryIds\":$ids}"
expect 'r["acknowledgedCount"]' 2 "AckDelivery"
call operator:ops routing PullInbox '{"destination":"clearing-house","maxDeliveries":10}'
expect 'len(r.get("deliveries", []))' 0 "the inbox after the acknowledgement"
stop_suite
# The sanitizers abort on their first report; a report that did not stop a service still fails.
if grep -l -e 'ERROR: AddressSanitizer' -e 'ERROR: LeakSanitizer' -e 'runtime error:' \
  "$var"/log/{registry,accreditation,composition,routing}.log 2>/dev/null; then
  fail "a sanitizer reported in the services' logs above"
fi
echo "PASS"
