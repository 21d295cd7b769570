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
-- Returns {entries taken, entries still due, 'kind|outcome'...} for the decision metrics.
local now = tonumber(ARGV[1])
local p = ARGV[3]
local taken = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local out = {#taken, 0}
local kind_names = {'INHERITED_STATUS', 'NON_OBJECTION', 'COMMITTEE_REVIEW', 'OPEN_REGISTRATION'}

local function event(fields) redis.call('XADD', KEYS[2], 'MAXLEN', '~', '1000000', '*', unpack(fields)) end
local function count(proc, field, pfield, delta)
  redis.call('HINCRBY', p .. 'tr:' .. proc, pfield, delta)
  if field ~= '' then redis.call('HINCRBY', KEYS[3], field, delta) end
end

-- A decision: state, counters, decision time, release of the stakeholder, event.
local function decide(proc, id, key, a, state, outcome, reason)
  local kind = kind_names[tonumber(a.rk)] or 'ROUTE_KIND_UNSPECIFIED'
  redis.call('HSET', key, 'st', state, 'v', tonumber(a.v) + 1, 'dect', now, 'due', '',
             'reason', reason, 'by', 'scheduler')
  count(proc, 'r:' .. kind .. ':' .. outcome, 'r:' .. a.route .. ':' .. outcome, 1)
  for _, gr in ipairs({'g:' .. a.grp, 'rg:' .. a.reg}) do
    count(proc, gr .. ':dec', gr .. ':dec', 1)
    if outcome == 'approved' then count(proc, gr .. ':ok', gr .. ':ok', 1) end
  end
  if a.subt ~= '' then
    local d = now - tonumber(a.subt)
    redis.call('ZADD', p .. 'ttd:' .. proc, d, id)
    redis.call('ZADD', KEYS[4], d, id)
  end
  local open = p .. 'open:' .. proc .. ':' .. a.sh
  if redis.call('GET', open) == id then redis.call('DEL', open) end
  local names = {[6] = 'APPROVED', [7] = 'REJECTED', [9] = 'CLOSED'}
  event({'type', 'application.' .. outcome, 'process', proc, 'application', id,
         'stakeholder', a.sh, 'route', a.route, 'state', names[state], 'rights', a.rights,
         'at', tostring(now), 'reason', reason, 'by', 'scheduler'})
  out[#out + 1] = kind .. '|' .. outcome
end

local function load(key)
  local f = {'st', 'v', 'rk', 'ork', 'orn', 'orf', 'present', 'rights', 'validity_ms', 'sh',
             'route', 'grp', 'reg', 'subt', 'remind_ms', 'maxrem', 'unans', 'disc', 'due'}
  local v = redis.call('HMGET', key, unpack(f))
  if not v[1] then return nil end
  local a = {}
  for k = 1, #f do a[f[k]] = v[k] or '' end
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
  local a = load(key)
  if not a or a.st ~= '3' then return end
  local objkey = p .. 'obj:' .. proc .. ':' .. id
  local objectors = redis.call('HKEYS', objkey)
  if #objectors >= threshold(a) then
    decide(proc, id, key, a, 7, 'blocked', 'blocked by ' .. #objectors .. ' objection(s)')
    count(proc, 'blkn', 'blkn', 1)
    for _, s in ipairs(objectors) do
      local f = 'blk:' .. a.disc .. ':' .. s
      count(proc, f, f, 1)
    end
    return
  end
  decide(proc, id, key, a, 6, 'approved', 'notice period ended without blocking objections')
  local acckey = p .. 'acc:' .. proc .. ':' .. a.sh
  local validity = tonumber(a.validity_ms)
  local untl = ''
  if validity > 0 then
    untl = tostring(now + validity)
    redis.call('ZADD', KEYS[1], now + validity, 'expire|' .. proc .. '|' .. a.sh)
  end
  redis.call('DEL', acckey)
  redis.call('HSET', acckey, 'p', proc, 'sh', a.sh, 'a', id, 'route', a.route, 'rights', a.rights,
             'st', '1', 'from', now, 'until', untl, 'reason', '', 'v', '1')
  redis.call('ZADD', p .. 'accs:' .. proc, 0, a.sh)
  event({'type', 'accreditation.granted', 'process', proc, 'application', id, 'stakeholder', a.sh,
         'route', a.route, 'state', 'ACTIVE', 'rights', a.rights, 'at', tostring(now),
         'reason', '', 'by', 'scheduler', 'valid_until', untl})
end

local function remind(proc, id)
  local key = p .. 'app:' .. proc .. ':' .. id
  local a = load(key)
  if not a or a.st ~= '5' then return end
  local unans = tonumber(a.unans) + 1
  if unans >= tonumber(a.maxrem) then
    redis.call('HSET', key, 'unans', unans)
    decide(proc, id, key, a, 9, 'closed', unans .. ' reminders unanswered')
    return
  end
  local due = now + tonumber(a.remind_ms)
  redis.call('HSET', key, 'unans', unans, 'v', tonumber(a.v) + 1, 'due', due)
  redis.call('ZADD', KEYS[1], due, 'remind|' .. proc .. '|' .. id)
  event({'type', 'application.reminded', 'process', proc, 'application', id, 'stakeholder', a.sh,
         'route', a.route, 'state', 'DEFERRED', 'rights', a.rights, 'at', tostring(now),
         'reason', unans .. ' reminder(s) unanswered', 'by', 'scheduler'})
end

local function expire(proc, sh)
  local key = p .. 'acc:' .. proc .. ':' .. sh
  local acc = redis.call('HMGET', key, 'st', 'until', 'v', 'a', 'route', 'rights')
  if not acc[1] or (acc[1] ~= '1' and acc[1] ~= '2') or acc[2] == '' then return end
  if tonumber(acc[2]) > now then return end
  redis.call('HSET', key, 'st', '4', 'v', tonumber(acc[3]) + 1, 'reason', 'validity ended')
  event({'type', 'accreditation.expired', 'process', proc, 'application', acc[4],
         'stakeholder', sh, 'route', acc[5], 'state', 'EXPIRED', 'rights', acc[6],
         'at', tostring(now), 'reason', 'validity ended', 'by', 'scheduler'})
  out[#out + 1] = 'expiry|expired'
end

for _, member in ipairs(taken) do
  redis.call('ZREM', KEYS[1], member)
  local kind, proc, id = string.match(member, '^([^|]+)|([^|]+)|([^|]+)$')
  if kind == 'notice' then notice(proc, id)
  elseif kind == 'remind' then remind(proc, id)
  elseif kind == 'expire' then expire(proc, id) end
end
out[2] = redis.call('ZCOUNT', KEYS[1], '-inf', now)
return out
