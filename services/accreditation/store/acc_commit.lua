-- Changes an accreditation's status with its event, guarded by its version.
-- KEYS[1] accreditation hash  KEYS[2] event stream  KEYS[3] due zset  KEYS[4] audit log
-- ARGV[1] expected version  ARGV[2] expiry member to unschedule ('' = none)
-- ARGV[3] n field pairs, the pairs, then n event pairs and the pairs.
-- @include services/accreditation/store/audit_event.lua
local stored = redis.call('HGET', KEYS[1], 'v')
if not stored then return redis.error_reply('NOT_FOUND ' .. KEYS[1]) end
if stored ~= ARGV[1] then return redis.error_reply('VERSION_MISMATCH ' .. stored) end
local n = tonumber(ARGV[3])
local fields = {}
for k = 1, n * 2 do fields[k] = ARGV[3 + k] end
local i = 4 + n * 2
local m = tonumber(ARGV[i])
local event = {}
for k = 1, m * 2 do event[k] = ARGV[i + k] end
redis.call('HSET', KEYS[1], unpack(fields))
if ARGV[2] ~= '' then redis.call('ZREM', KEYS[3], ARGV[2]) end
redis.call('XADD', KEYS[2], 'MAXLEN', '~', '1000000', '*', unpack(event))
audit_event(KEYS[4], event)
return {'OK'}
