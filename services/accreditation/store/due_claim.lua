-- The scheduler: takes up to ARGV[2] schedule entries due at ARGV[1] (ms) and executes each
-- inside this one script, so an entry is removed and acted on exactly once however many
-- replicas poll, and never half-done (AOF replays a script's writes whole or not at all).
--   notice|<p>|<a>   end of a non-objection notice period: objections against the rule
--                    snapshotted at submission -> APPROVED (+ accreditation) or REJECTED
--                    (blocked); mirrors domain/application_rules.cc ObjectionsBlock/Decide.
--   remind|<p>|<a>   a deferral unanswered: one more reminder; CLOSED at the maximum.
--   expire|<p>|<sh>  an accreditation's validity ended: ACTIVE/SUSPENDED -> EXPIRED.
-- An entry whose record has moved on (withdrawn, answered) is dropped without effect.
-- KEYS[1] due zset  KEYS[2] event stream  KEYS[3] global counters  KEYS[4] global decision times
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
local now = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local p = ARGV[3]
local budget = tonumber(ARGV[4] or '') or 5000
local CHUNK = 16
local nowstr = tostring(now)
local kind_names = {'INHERITED_STATUS', 'NON_OBJECTION', 'COMMITTEE_REVIEW', 'OPEN_REGISTRATION'}
local state_names = {[6] = 'APPROVED', [7] = 'REJECTED', [9] = 'CLOSED'}

local function micros()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000000 + tonumber(t[2])
end
local started = micros()

-- Batch aggregates, flushed at the end.
local pcount = {}     -- proc -> field -> delta
local gcount = {}     -- field -> delta
local decisions = {}  -- 'kind|outcome' -> n
local ttd = {}        -- proc -> {score, member, ...}
local gttd = {}       -- {score, member, ...}
local due_add = {}    -- {score, member, ...} (scheduled after every ZREM of this call)
local accs = {}       -- proc -> {0, sh, ...}
local open_keys, open_ids = {}, {}

local function event(fields) redis.call('XADD', KEYS[2], 'MAXLEN', '~', '1000000', '*', unpack(fields)) end
local function count(proc, field, pfield)
  local t = pcount[proc]
  if not t then t = {}; pcount[proc] = t end
  t[pfield] = (t[pfield] or 0) + 1
  if field ~= '' then gcount[field] = (gcount[field] or 0) + 1 end
end
local function push(list, score, member)
  list[#list + 1] = score
  list[#list + 1] = member
end

-- A decision: state, counters, decision time, release of the stakeholder, event.
local function decide(proc, id, key, a, state, outcome, reason, extra)
  local kind = kind_names[tonumber(a.rk)] or 'ROUTE_KIND_UNSPECIFIED'
  if extra then
    redis.call('HSET', key, 'st', state, 'v', tonumber(a.v) + 1, 'dect', nowstr, 'due', '',
               'reason', reason, 'by', 'scheduler', extra[1], extra[2])
  else
    redis.call('HSET', key, 'st', state, 'v', tonumber(a.v) + 1, 'dect', nowstr, 'due', '',
               'reason', reason, 'by', 'scheduler')
  end
  count(proc, 'r:' .. kind .. ':' .. outcome, 'r:' .. a.route .. ':' .. outcome)
  local g, r = 'g:' .. a.grp, 'rg:' .. a.reg
  count(proc, g .. ':dec', g .. ':dec')
  count(proc, r .. ':dec', r .. ':dec')
  if outcome == 'approved' then
    count(proc, g .. ':ok', g .. ':ok')
    count(proc, r .. ':ok', r .. ':ok')
  end
  if a.subt ~= '' then
    local d = now - tonumber(a.subt)
    local t = ttd[proc]
    if not t then t = {}; ttd[proc] = t end
    push(t, d, id)
    push(gttd, d, id)
  end
  open_keys[#open_keys + 1] = p .. 'open:' .. proc .. ':' .. a.sh
  open_ids[#open_ids + 1] = id
  event({'type', 'application.' .. outcome, 'process', proc, 'application', id,
         'stakeholder', a.sh, 'route', a.route, 'state', state_names[state], 'rights', a.rights,
         'at', nowstr, 'reason', reason, 'by', 'scheduler'})
  local dk = kind .. '|' .. outcome
  decisions[dk] = (decisions[dk] or 0) + 1
end

-- The fields each kind of entry reads (one HMGET), decoded by position.
local notice_fields = {'st', 'v', 'rk', 'ork', 'orn', 'orf', 'present', 'rights', 'validity_ms',
                       'sh', 'route', 'grp', 'reg', 'subt', 'disc', 'sess'}
local remind_fields = {'st', 'v', 'rk', 'rights', 'sh', 'route', 'grp', 'reg', 'subt',
                       'remind_ms', 'maxrem', 'unans'}
local function load(key, fields, state)
  local v = redis.call('HMGET', key, unpack(fields))
  if v[1] ~= state then return nil end  -- gone, or moved on
  local a = {}
  for k = 1, #fields do a[fields[k]] = v[k] or '' end
  return a
end

local function threshold(a)
  local kind = tonumber(a.ork)
  if kind == 2 then return math.max(1, tonumber(a.orn)) end
  if kind == 3 then
    local present = tonumber(a.present)
    if present <= 0 then present = 193 end
    return math.max(1, math.ceil(tonumber(a.orf) * present - 1e-9))
  end
  return 1
end

local function notice(proc, id)
  local key = p .. 'app:' .. proc .. ':' .. id
  local a = load(key, notice_fields, '3')
  if not a then return end
  local objectors = redis.call('HKEYS', p .. 'obj:' .. proc .. ':' .. id)
  if #objectors >= threshold(a) then
    decide(proc, id, key, a, 7, 'blocked', 'blocked by ' .. #objectors .. ' objection(s)')
    count(proc, 'blkn', 'blkn')
    for _, s in ipairs(objectors) do
      local f = 'blk:' .. a.disc .. ':' .. s
      count(proc, f, f)
    end
    return
  end
  decide(proc, id, key, a, 6, 'approved', 'notice period ended without blocking objections')
  -- Validity as GrantFor (application_rules.cc): a positive duration from now; zero: the
  -- snapshotted session current or next now ('<id>:<from ms>:<until ms>,...', in start
  -- order), else until the process ends.
  local validity = tonumber(a.validity_ms)
  local from, untl = nowstr, ''
  if validity > 0 then
    untl = tostring(now + validity)
  else
    for _, f, u in string.gmatch(a.sess, '([^:,]+):(-?%d+):(-?%d+)') do
      if tonumber(u) > now then
        from, untl = f, u
        break
      end
    end
  end
  if untl ~= '' then push(due_add, tonumber(untl), 'expire|' .. proc .. '|' .. a.sh) end
  -- Every field of an accreditation record is written, so no DEL of a previous one is needed.
  redis.call('HSET', p .. 'acc:' .. proc .. ':' .. a.sh, 'p', proc, 'sh', a.sh, 'a', id,
             'route', a.route, 'rights', a.rights, 'st', '1', 'from', from, 'until', untl,
             'reason', '', 'v', '1')
  local t = accs[proc]
  if not t then t = {}; accs[proc] = t end
  push(t, 0, a.sh)
  event({'type', 'accreditation.granted', 'process', proc, 'application', id, 'stakeholder', a.sh,
         'route', a.route, 'state', 'ACTIVE', 'rights', a.rights, 'at', nowstr,
         'reason', '', 'by', 'scheduler', 'valid_until', untl})
end

local function remind(proc, id)
  local key = p .. 'app:' .. proc .. ':' .. id
  local a = load(key, remind_fields, '5')
  if not a then return end
  local unans = tonumber(a.unans) + 1
  if unans >= tonumber(a.maxrem) then
    decide(proc, id, key, a, 9, 'closed', unans .. ' reminders unanswered', {'unans', unans})
    return
  end
  local due = now + tonumber(a.remind_ms)
  redis.call('HSET', key, 'unans', unans, 'v', tonumber(a.v) + 1, 'due', due)
  push(due_add, due, 'remind|' .. proc .. '|' .. id)
  event({'type', 'application.reminded', 'process', proc, 'application', id, 'stakeholder', a.sh,
         'route', a.route, 'state', 'DEFERRED', 'rights', a.rights, 'at', nowstr,
         'reason', unans .. ' reminder(s) unanswered', 'by', 'scheduler'})
end

local function expire(proc, sh)
  local key = p .. 'acc:' .. proc .. ':' .. sh
  local acc = redis.call('HMGET', key, 'st', 'until', 'v', 'a', 'route', 'rights')
  if not acc[1] or (acc[1] ~= '1' and acc[1] ~= '2') or not acc[2] or acc[2] == '' then return end
  if tonumber(acc[2]) > now then return end
  redis.call('HSET', key, 'st', '4', 'v', tonumber(acc[3]) + 1, 'reason', 'validity ended')
  event({'type', 'accreditation.expired', 'process', proc, 'application', acc[4],
         'stakeholder', sh, 'route', acc[5], 'state', 'EXPIRED', 'rights', acc[6],
         'at', nowstr, 'reason', 'validity ended', 'by', 'scheduler'})
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
  if #chunk < CHUNK or micros() - started >= budget then break end
end

-- The batch's shared writes; variadic calls in slices well under Lua's unpack limit.
local function bulk(cmd, key, list)
  for i = 1, #list, 1000 do
    redis.call(cmd, key, unpack(list, i, math.min(i + 999, #list)))
  end
end
for proc, t in pairs(pcount) do
  local key = p .. 'tr:' .. proc
  for f, d in pairs(t) do redis.call('HINCRBY', key, f, d) end
end
for f, d in pairs(gcount) do redis.call('HINCRBY', KEYS[3], f, d) end
for proc, t in pairs(ttd) do bulk('ZADD', p .. 'ttd:' .. proc, t) end
bulk('ZADD', KEYS[4], gttd)
for proc, t in pairs(accs) do bulk('ZADD', p .. 'accs:' .. proc, t) end
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
for dk, n in pairs(decisions) do
  out[#out + 1] = dk
  out[#out + 1] = n
end
return out
