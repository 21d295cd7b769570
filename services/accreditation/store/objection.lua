-- Lodges or withdraws one state's objection, guarded by the notice period, with the
-- counters and the event, all or nothing (checks before the first write).
-- KEYS[1] application hash  KEYS[2] objection hash  KEYS[3] event stream
-- KEYS[4] process counters  KEYS[5] global counters KEYS[6] request-id key
-- KEYS[7] the objecting state's index {acc}:sobj:<ISO2>, members "<lodge ms, 16 digits>:<p>:<a>"
-- KEYS[8] audit log
-- ARGV[1] 'lodge' | 'withdraw'  ARGV[2] state  ARGV[3] stored value (lodge ms|grounds)
-- ARGV[4] now (ms)  ARGV[5] has request id  ARGV[6] request ttl  ARGV[7] n counters, then
-- (process field, global field, delta) triples, then n event pairs and the pairs, then the
-- audit entry salt (64 hex digits, common/audit/salt.h), then the request fingerprint ('' =
-- not compared).
-- @include common/redis/request_record.lua
-- @include services/accreditation/store/audit_event.lua
-- @include-generated services/accreditation/store/accreditation_constants.lua
local fp = ARGV[#ARGV]
local audit_salt = ARGV[#ARGV - 1]
if not audit_salt_ok(audit_salt) then return redis.error_reply('BAD_AUDIT_SALT') end
if ARGV[5] == '1' then
  local raw = redis.call('GET', KEYS[6])
  if raw then
    if not recall(raw, fp) then return redis.error_reply('REQUEST_ID_REUSED request_id') end
    return {'REPLAY'}
  end
end
-- The application's stored state ('st') and notice deadline ('due', ms).
local app = redis.call('HMGET', KEYS[1], 'st', 'due')
local state, deadline = app[1], app[2]
if not state then return redis.error_reply('NOT_FOUND ' .. KEYS[1]) end
-- The deadline is exclusive: at notice end the scheduler decides.
if tonumber(state) ~= APP_STATE_IN_NOTICE or tonumber(ARGV[4]) >= tonumber(deadline) then
  return redis.error_reply('NOT_IN_NOTICE_PERIOD ' .. state)
end
local exists = redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1
if ARGV[1] == 'lodge' and exists then return redis.error_reply('OBJECTION_EXISTS ' .. ARGV[2]) end
if ARGV[1] == 'withdraw' and not exists then return redis.error_reply('OBJECTION_NOT_FOUND ' .. ARGV[2]) end

-- The application key is {acc}:app:<p>:<a>; ids hold no ':'.
local proc, id = string.match(KEYS[1], 'app:([^:]+):([^:]+)$')
local function state_member(stored)
  local ms = string.match(stored, '^(-?%d+)|')
  return string.format('%016d', math.max(0, tonumber(ms or '0'))) .. ':' .. proc .. ':' .. id
end
if ARGV[1] == 'lodge' then
  redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
  redis.call('ZADD', KEYS[7], 0, state_member(ARGV[3]))
else
  local stored = redis.call('HGET', KEYS[2], ARGV[2])
  redis.call('HDEL', KEYS[2], ARGV[2])
  redis.call('ZREM', KEYS[7], state_member(stored))
end
local i = 8
local n = tonumber(ARGV[7])
for _ = 1, n do
  redis.call('HINCRBY', KEYS[4], ARGV[i], ARGV[i + 2])
  if ARGV[i + 1] ~= '' then redis.call('HINCRBY', KEYS[5], ARGV[i + 1], ARGV[i + 2]) end
  i = i + 3
end
local pairs_n = tonumber(ARGV[i])
local fields = {}
for k = 1, pairs_n * 2 do fields[k] = ARGV[i + k] end
redis.call('XADD', KEYS[3], 'MAXLEN', '~', '1000000', '*', unpack(fields))
-- The grounds go into the audit entry, never into the stream. The objecting state (the
-- principal and objecting_state) and the grounds enter the chain as salted digests, shown to
-- readers as ListObjections shows the objection (services/accreditation/domain/
-- audit_disclosure.h).
local extra = {}
if ARGV[1] == 'lodge' then
  local cut = string.find(ARGV[3], '|', 1, true)
  extra = {'grounds', cut and string.sub(ARGV[3], cut + 1) or ''}
end
audit_event(KEYS[8], fields, extra,
            {grounds = true, objecting_state = true, [AUDIT_PRINCIPAL] = true}, audit_salt)
if ARGV[5] == '1' then redis.call('SET', KEYS[6], remember('1', fp), 'EX', ARGV[6]) end
return {'OK'}
