-- Applies one application transition: the record, the open-application claim, the granted
-- accreditation, schedule entries, transparency counters, decision time and events, all or
-- nothing. Every check runs before the first write: an error reply leaves Redis untouched.
-- KEYS[1] application hash   KEYS[2] request-id key   KEYS[3] open-application key
-- KEYS[4] accreditation hash KEYS[5] due zset         KEYS[6] event stream
-- KEYS[7] process counters   KEYS[8] global counters  KEYS[9] process application index
-- KEYS[10] process accreditation index  KEYS[11] process decision times  KEYS[12] global ones
-- KEYS[13] audit log (every event is also an audit entry)
-- ARGV: expected version, has request id, request ttl, claim open, release open, application
-- id, index member ('' = none), stakeholder id, request fingerprint ('' = not compared), then
-- length-prefixed lists: application field
-- pairs, accreditation field pairs (none = no grant), due members to remove, due (score,
-- member) to add, counters (process field, global field or '', delta), decision ms ('' = none),
-- events (each a length-prefixed list of field pairs).
-- The listing indexes beside KEYS[9] (app_index.lua) follow the record's state and deadline.
-- @include common/redis/request_record.lua
-- @include-generated services/accreditation/store/accreditation_constants.lua
-- @include services/accreditation/store/app_index.lua
-- @include services/accreditation/store/audit_event.lua
local i = 10
local function take() local v = ARGV[i]; i = i + 1; return v end
local function list(width)
  local n = tonumber(take()); local out = {}
  for _ = 1, n * width do out[#out + 1] = take() end
  return out
end

local expected = ARGV[1]
if ARGV[2] == '1' then
  local raw = redis.call('GET', KEYS[2])
  if raw then
    local prior = recall(raw, ARGV[9])
    if not prior then return redis.error_reply('REQUEST_ID_REUSED request_id') end
    return {'REPLAY', prior}
  end
end
local prior = redis.call('HMGET', KEYS[1], 'v', 'st', 'due')
local stored = prior[1]
if expected == '0' then
  if stored then return redis.error_reply('EXISTS ' .. ARGV[6]) end
else
  if not stored then return redis.error_reply('NOT_FOUND ' .. ARGV[6]) end
  if stored ~= expected then return redis.error_reply('VERSION_MISMATCH ' .. stored) end
end
if ARGV[4] == '1' then
  local open = redis.call('GET', KEYS[3])
  if open then return redis.error_reply('APPLICATION_PENDING ' .. open) end
  -- The stakeholder's accreditation status ('st'): a live one refuses a new application.
  local status = tonumber(redis.call('HGET', KEYS[4], 'st'))
  if status == ACC_STATUS_ACTIVE or status == ACC_STATUS_SUSPENDED then
    return redis.error_reply('ALREADY_ACCREDITED ' .. ARGV[8])
  end
end

local app = list(2)
local acc = list(2)
local due_remove = list(1)
local due_add = list(2)
local counters = list(3)
local ttd = take()
local nevents = tonumber(take())
local events = {}
for e = 1, nevents do events[e] = list(2) end

redis.call('HSET', KEYS[1], unpack(app))
local record = {}
for k = 1, #app, 2 do record[app[k]] = app[k + 1] end
if record.ct and record.ct ~= '' then
  reindex(KEYS[9], listing_member(record.ct, ARGV[6]), prior[2], prior[3], record.st,
          record.due or '', record.route, record.sh)
end
if ARGV[4] == '1' then redis.call('SET', KEYS[3], ARGV[6]) end
if ARGV[5] == '1' and redis.call('GET', KEYS[3]) == ARGV[6] then redis.call('DEL', KEYS[3]) end
if ARGV[7] ~= '' then
  -- A process's first application: its listing indexes are complete from the start, so no
  -- build (app_index_build.lua) is ever needed for it.
  if redis.call('EXISTS', KEYS[9]) == 0 then redis.call('SET', KEYS[9] .. ':ix', '1') end
  redis.call('ZADD', KEYS[9], 0, ARGV[7])
end
if #acc > 0 then
  redis.call('DEL', KEYS[4])
  redis.call('HSET', KEYS[4], unpack(acc))
  redis.call('ZADD', KEYS[10], 0, ARGV[8])
end
for k = 1, #due_remove do redis.call('ZREM', KEYS[5], due_remove[k]) end
for k = 1, #due_add, 2 do redis.call('ZADD', KEYS[5], due_add[k], due_add[k + 1]) end
for k = 1, #counters, 3 do
  redis.call('HINCRBY', KEYS[7], counters[k], counters[k + 2])
  if counters[k + 1] ~= '' then redis.call('HINCRBY', KEYS[8], counters[k + 1], counters[k + 2]) end
end
if ttd ~= '' then
  local member = ARGV[6]
  redis.call('ZADD', KEYS[11], ttd, member)
  redis.call('ZADD', KEYS[12], ttd, member)
end
for e = 1, nevents do
  redis.call('XADD', KEYS[6], 'MAXLEN', '~', '1000000', '*', unpack(events[e]))
  audit_event(KEYS[13], events[e])
end
if ARGV[2] == '1' then redis.call('SET', KEYS[2], remember(ARGV[6], ARGV[9]), 'EX', ARGV[3]) end
return {'OK'}
