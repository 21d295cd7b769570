-- The scheduler: takes up to ARGV[2] schedule entries due at ARGV[1] (ms) and executes each
-- inside this one script, so an entry is removed and acted on exactly once however many
-- replicas poll, and never half-done (AOF replays a script's writes whole or not at all).
--   notice|<p>|<a>   end of a non-objection notice period: objections against the rule
--                    snapshotted at submission, with the states present now (the
--                    secretariat's correction, else the session current or next now) ->
--                    APPROVED (+ accreditation) or REJECTED (blocked), with the decision
--                    record; mirrors NoticeEndTransition (domain/application_rules.cc).
--   remind|<p>|<a>   a deferral unanswered: one more reminder; CLOSED once the maximum was sent;
--                    mirrors ReminderTransition.
--   expire|<p>|<sh>  an accreditation's validity ended: ACTIVE/SUSPENDED -> EXPIRED;
--                    mirrors ExpiryChange (domain/access_rules.cc).
-- Each mirror is checked against its C++ rule, rule kind by rule kind (due_mirror_test.cc);
-- the enum numbers and names come from the C++ enums through the generated prelude.
-- An entry whose record has moved on (withdrawn, answered) is dropped without effect.
-- KEYS[1] due zset  KEYS[2] event stream  KEYS[3] global counters  KEYS[4] global decision times
-- KEYS[5] audit log (every event is also an audit entry)
-- ARGV[1] now (ms)  ARGV[2] batch size  ARGV[3] key prefix ('{acc}:'; same hash tag as KEYS)
-- ARGV[4] time box in microseconds (default 5000): entries are taken in chunks of CHUNK, and
--         no further chunk is started once the script has run that long, so one call never
--         holds Redis for much longer than the box; the rest stays due for the next call.
-- Returns {entries taken, entries still due, 'kind|outcome', count, ...} for the metrics.
--
-- Cost per decision is kept to the per-record commands (HMGET, HKEYS, HSET, XADD; HSET of the
-- accreditation and its XADD on approval). Everything shared by the batch is aggregated in Lua
-- and written once at the end: counters (one HINCRBY per distinct field), decision times,
-- schedule additions and the accreditation index (one variadic ZADD per key), the release of
-- the stakeholders' open-application pointers (one MGET, one DEL).
-- @include-generated services/accreditation/store/accreditation_constants.lua
-- @include services/accreditation/store/app_index.lua
-- @include services/accreditation/store/audit_event.lua
local now = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local prefix = ARGV[3]
local budget_us = tonumber(ARGV[4] or '') or 5000
local CHUNK = 16
local nowstr = tostring(now)

-- The stored hash fields read and written here, by readable name. The short names are the
-- storage format (application_codec.cc writes and reads the same).
local APP = {
  state = 'st', version = 'v', stakeholder = 'sh', route = 'route', route_kind = 'rk',
  rights = 'rights', objection_rule = 'ork', min_objecting_states = 'orn',
  fraction_of_states_present = 'orf', states_present = 'present', validity_ms = 'validity_ms',
  sessions = 'sess', reminder_ms = 'remind_ms', max_unanswered = 'maxrem',
  unanswered = 'unans', group = 'grp', region = 'reg', disclosure = 'disc',
  submit_ms = 'subt', decide_ms = 'dect', due_ms = 'due', reason = 'reason', decided_by = 'by',
  decision_kind = 'dk', decision_objections = 'dobj', decision_threshold = 'dthr',
  decision_states_present = 'dpres', states_present_correction = 'presfix',
  create_ms = 'ct',
}
local ACC = {
  process = 'p', stakeholder = 'sh', application = 'a', route = 'route', rights = 'rights',
  status = 'st', valid_from = 'from', valid_until = 'until', reason = 'reason', version = 'v',
}

local function micros()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000000 + tonumber(t[2])
end
local started = micros()

-- Batch aggregates, flushed at the end.
local process_counters = {}  -- process -> counter field -> delta
local global_counters = {}   -- counter field -> delta
local decisions = {}         -- 'kind|outcome' -> n
local decision_times = {}    -- process -> {ms from submission, application, ...}
local global_decision_times = {}  -- {ms from submission, application, ...}
local due_add = {}           -- {score, member, ...} (scheduled after every ZREM of this call)
local accredited = {}        -- process -> {0, stakeholder, ...}
local open_keys, open_ids = {}, {}

local function event(fields)
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', '1000000', '*', unpack(fields))
  audit_event(KEYS[5], fields)
end
local function count(proc, field, process_field)
  local t = process_counters[proc]
  if not t then t = {}; process_counters[proc] = t end
  t[process_field] = (t[process_field] or 0) + 1
  if field ~= '' then global_counters[field] = (global_counters[field] or 0) + 1 end
end
local function push(list, score, member)
  list[#list + 1] = score
  list[#list + 1] = member
end

-- A decision: state, its kind, counters, decision time, release of the stakeholder, event.
-- `extra`: more {field, value, ...} to write into the application.
local function decide(proc, id, key, app, state, decision_kind, outcome, reason, extra)
  local kind = ROUTE_KIND_NAMES[tonumber(app.route_kind)] or ROUTE_KIND_NAMES[ROUTE_KIND_UNSPECIFIED]
  local fields = {APP.state, state, APP.version, tonumber(app.version) + 1, APP.decide_ms, nowstr,
                  APP.due_ms, '', APP.reason, reason, APP.decided_by, 'scheduler',
                  APP.decision_kind, decision_kind}
  for k = 1, #(extra or {}) do fields[#fields + 1] = extra[k] end
  redis.call('HSET', key, unpack(fields))
  if app.create_ms ~= '' then
    reindex(prefix .. 'apps:' .. proc, listing_member(app.create_ms, id), app.state, app.due_ms,
            state, '', app.route, app.stakeholder)
  end
  count(proc, 'r:' .. kind .. ':' .. outcome, 'r:' .. app.route .. ':' .. outcome)
  local group, region = 'g:' .. app.group, 'rg:' .. app.region
  count(proc, group .. ':dec', group .. ':dec')
  count(proc, region .. ':dec', region .. ':dec')
  if outcome == 'approved' then
    count(proc, group .. ':ok', group .. ':ok')
    count(proc, region .. ':ok', region .. ':ok')
  end
  if app.submit_ms ~= '' then
    local took = now - tonumber(app.submit_ms)
    local t = decision_times[proc]
    if not t then t = {}; decision_times[proc] = t end
    push(t, took, id)
    push(global_decision_times, took, id)
  end
  open_keys[#open_keys + 1] = prefix .. 'open:' .. proc .. ':' .. app.stakeholder
  open_ids[#open_ids + 1] = id
  event({'type', 'application.' .. outcome, 'process', proc, 'application', id,
         'stakeholder', app.stakeholder, 'route', app.route, 'state', APP_STATE_NAMES[state],
         'rights', app.rights, 'at', nowstr, 'reason', reason, 'by', 'scheduler'})
  local decision = kind .. '|' .. outcome
  decisions[decision] = (decisions[decision] or 0) + 1
end

-- The fields each kind of entry reads (one HMGET), by readable name.
local notice_fields = {'state', 'version', 'route_kind', 'objection_rule', 'min_objecting_states',
                       'fraction_of_states_present', 'states_present', 'rights', 'validity_ms',
                       'stakeholder', 'route', 'group', 'region', 'submit_ms', 'disclosure',
                       'sessions', 'states_present_correction', 'due_ms', 'create_ms'}
local remind_fields = {'state', 'version', 'route_kind', 'rights', 'stakeholder', 'route', 'group',
                       'region', 'submit_ms', 'reminder_ms', 'max_unanswered', 'unanswered',
                       'due_ms', 'create_ms'}
-- The application at `key` when it is in `state`; nil when it is gone or has moved on.
local function load(key, names, state)
  local stored = {}
  for k = 1, #names do stored[k] = APP[names[k]] end
  local values = redis.call('HMGET', key, unpack(stored))
  if tonumber(values[1]) ~= state then return nil end
  local app = {}
  for k = 1, #names do app[names[k]] = values[k] or '' end
  return app
end

-- The snapshotted sessions '<id>:<from ms>:<until ms>:<states present>,...' in start order
-- (records written before the states present were kept have no fourth part).
local SESSION = '([^:,]+):(-?%d+):(-?%d+):?(%-?%d*)'

-- StatesPresentAt (application_rules.cc): the secretariat's correction, else the session
-- current or next now, else the number snapshotted at submission; 0 = all members.
local function states_present_at(app)
  if app.states_present_correction ~= '' then return tonumber(app.states_present_correction) end
  for _, _, session_until, present in string.gmatch(app.sessions, SESSION) do
    if tonumber(session_until) > now then return tonumber(present) or 0 end
  end
  return tonumber(app.states_present)
end

-- BlockingThreshold (application_rules.cc): the smallest number of objections that blocks,
-- with `present` states present (0 = all members) for a fraction rule.
local function blocking_threshold(app, present)
  local rule = tonumber(app.objection_rule)
  if rule == OBJECTION_RULE_AT_LEAST_N then return math.max(1, tonumber(app.min_objecting_states)) end
  if rule == OBJECTION_RULE_FRACTION_PRESENT then
    if present <= 0 then present = UN_MEMBER_STATES end
    return math.max(1, math.ceil(tonumber(app.fraction_of_states_present) * present - 1e-9))
  end
  return 1  -- any single objection, and the safe reading of an unspecified rule
end

local function notice(proc, id)
  local key = prefix .. 'app:' .. proc .. ':' .. id
  local app = load(key, notice_fields, APP_STATE_IN_NOTICE)
  if not app then return end
  local objectors = redis.call('HKEYS', prefix .. 'obj:' .. proc .. ':' .. id)
  local present = states_present_at(app)
  local threshold = blocking_threshold(app, present)
  local record = {APP.decision_objections, #objectors, APP.decision_threshold, threshold,
                  APP.decision_states_present, present}
  if #objectors >= threshold then
    decide(proc, id, key, app, APP_STATE_REJECTED, DECISION_KIND_BLOCKED_BY_OBJECTIONS, 'blocked',
           'blocked by ' .. #objectors .. ' objection(s)', record)
    count(proc, 'blkn', 'blkn')
    for _, state in ipairs(objectors) do
      local field = 'blk:' .. app.disclosure .. ':' .. state
      count(proc, field, field)
    end
    return
  end
  local approval_reason = 'notice period ended without blocking objections'
  decide(proc, id, key, app, APP_STATE_APPROVED, DECISION_KIND_GRANTED, 'approved', approval_reason,
         record)
  -- Validity as GrantFor (application_rules.cc): a positive duration from now; zero: the
  -- snapshotted session current or next now ('<id>:<from ms>:<until ms>,...', in start
  -- order), else until the process ends.
  local validity = tonumber(app.validity_ms)
  local from, untl = nowstr, ''
  if validity > 0 then
    untl = tostring(now + validity)
  else
    for _, session_from, session_until in string.gmatch(app.sessions, SESSION) do
      if tonumber(session_until) > now then
        from, untl = session_from, session_until
        break
      end
    end
  end
  if untl ~= '' then push(due_add, tonumber(untl), 'expire|' .. proc .. '|' .. app.stakeholder) end
  -- Every field of an accreditation record is written, so no DEL of a previous one is needed.
  redis.call('HSET', prefix .. 'acc:' .. proc .. ':' .. app.stakeholder, ACC.process, proc,
             ACC.stakeholder, app.stakeholder, ACC.application, id, ACC.route, app.route,
             ACC.rights, app.rights, ACC.status, ACC_STATUS_ACTIVE, ACC.valid_from, from,
             ACC.valid_until, untl, ACC.reason, '', ACC.version, '1')
  local t = accredited[proc]
  if not t then t = {}; accredited[proc] = t end
  push(t, 0, app.stakeholder)
  event({'type', 'accreditation.granted', 'process', proc, 'application', id,
         'stakeholder', app.stakeholder, 'route', app.route,
         'state', ACC_STATUS_NAMES[ACC_STATUS_ACTIVE], 'rights', app.rights, 'at', nowstr,
         'reason', approval_reason, 'by', 'scheduler', 'valid_until', untl})
end

local function remind(proc, id)
  local key = prefix .. 'app:' .. proc .. ':' .. id
  local app = load(key, remind_fields, APP_STATE_DEFERRED)
  if not app then return end
  local unanswered = tonumber(app.unanswered)
  if unanswered >= tonumber(app.max_unanswered) then
    decide(proc, id, key, app, APP_STATE_CLOSED, DECISION_KIND_CLOSED_UNANSWERED, 'closed',
           unanswered .. ' reminders unanswered', {APP.unanswered, unanswered})
    return
  end
  unanswered = unanswered + 1
  local due = now + tonumber(app.reminder_ms)
  redis.call('HSET', key, APP.unanswered, unanswered, APP.version, tonumber(app.version) + 1,
             APP.due_ms, due)
  push(due_add, due, 'remind|' .. proc .. '|' .. id)
  event({'type', 'application.reminded', 'process', proc, 'application', id,
         'stakeholder', app.stakeholder, 'route', app.route,
         'state', APP_STATE_NAMES[APP_STATE_DEFERRED], 'rights', app.rights, 'at', nowstr,
         'reason', unanswered .. ' reminder(s) unanswered', 'by', 'scheduler'})
end

local function expire(proc, stakeholder)
  local key = prefix .. 'acc:' .. proc .. ':' .. stakeholder
  local values = redis.call('HMGET', key, ACC.status, ACC.valid_until, ACC.version,
                            ACC.application, ACC.route, ACC.rights)
  local status, valid_until, version = tonumber(values[1]), values[2], values[3]
  local application, route, rights = values[4], values[5], values[6]
  if status ~= ACC_STATUS_ACTIVE and status ~= ACC_STATUS_SUSPENDED then return end
  if not valid_until or valid_until == '' or tonumber(valid_until) > now then return end
  redis.call('HSET', key, ACC.status, ACC_STATUS_EXPIRED, ACC.version, tonumber(version) + 1,
             ACC.reason, 'validity ended')
  event({'type', 'accreditation.expired', 'process', proc, 'application', application,
         'stakeholder', stakeholder, 'route', route, 'state', ACC_STATUS_NAMES[ACC_STATUS_EXPIRED],
         'rights', rights, 'at', nowstr, 'reason', 'validity ended', 'by', 'scheduler'})
  decisions['expiry|expired'] = (decisions['expiry|expired'] or 0) + 1
end

-- Chunks: each chunk's entries leave the schedule before any of them is executed, and what
-- the execution schedules (a next reminder, an expiry) is added only after the last chunk,
-- so an entry re-added under the same member is never removed by this call.
local taken = 0
while taken < limit do
  local chunk = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0,
                           math.min(CHUNK, limit - taken))
  if #chunk == 0 then break end
  -- The chunk is ranks 0..#chunk-1 (nothing is added to the schedule before the end).
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, #chunk - 1)
  taken = taken + #chunk
  for _, member in ipairs(chunk) do
    local kind, proc, id = string.match(member, '^([^|]+)|([^|]+)|([^|]+)$')
    if kind == 'notice' then notice(proc, id)
    elseif kind == 'remind' then remind(proc, id)
    elseif kind == 'expire' then expire(proc, id) end
  end
  if #chunk < CHUNK or micros() - started >= budget_us then break end
end

-- The batch's shared writes; variadic calls in slices well under Lua's unpack limit.
local function bulk(cmd, key, list)
  for i = 1, #list, 1000 do
    redis.call(cmd, key, unpack(list, i, math.min(i + 999, #list)))
  end
end
for proc, t in pairs(process_counters) do
  local key = prefix .. 'tr:' .. proc
  for f, d in pairs(t) do redis.call('HINCRBY', key, f, d) end
end
for f, d in pairs(global_counters) do redis.call('HINCRBY', KEYS[3], f, d) end
for proc, t in pairs(decision_times) do bulk('ZADD', prefix .. 'ttd:' .. proc, t) end
bulk('ZADD', KEYS[4], global_decision_times)
for proc, t in pairs(accredited) do bulk('ZADD', prefix .. 'accs:' .. proc, t) end
bulk('ZADD', KEYS[1], due_add)
for i = 1, #open_keys, 500 do
  local last = math.min(i + 499, #open_keys)
  local held = redis.call('MGET', unpack(open_keys, i, last))
  local release = {}
  for k = i, last do
    if held[k - i + 1] == open_ids[k] then release[#release + 1] = open_keys[k] end
  end
  if #release > 0 then redis.call('DEL', unpack(release)) end
end

local out = {taken, redis.call('ZCOUNT', KEYS[1], '-inf', now)}
for decision, n in pairs(decisions) do
  out[#out + 1] = decision
  out[#out + 1] = n
end
return out
