-- Replaces a process still at the expected version and moves it between indexes.
-- KEYS[1] record hash, KEYS[2] audit log, KEYS[3 .. 2+ARGV[4]] old index zsets, then the new
-- ones
-- ARGV[1] expected version  ARGV[2] json  ARGV[3] id  ARGV[4] number of old indexes
-- ARGV[5] audit entries (audit_notes.lua)
-- @include services/registry/store/audit_notes.lua
local version = redis.call('HGET', KEYS[1], 'v')
if not version then return redis.error_reply('NOT_FOUND ' .. ARGV[3]) end
if version ~= ARGV[1] then return redis.error_reply('VERSION_MISMATCH ' .. version) end
local n_old = tonumber(ARGV[4])
for i = 3, 2 + n_old do redis.call('ZREM', KEYS[i], ARGV[3]) end
for i = 3 + n_old, #KEYS do redis.call('ZADD', KEYS[i], 0, ARGV[3]) end
local next_version = tostring(tonumber(version) + 1)
redis.call('HSET', KEYS[1], 'd', ARGV[2], 'v', next_version)
audit_notes(KEYS[2], ARGV[5])
return next_version
