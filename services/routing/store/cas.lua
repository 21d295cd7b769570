-- Replaces an input's record when its version is still the one the caller read
-- (optimistic concurrency for joint-statement changes). KEYS[1] input hash.
-- ARGV: expected version, new record. Returns the new version; refuses with NOT_FOUND (the
-- input is gone) or VERSION_MISMATCH.
local v = redis.call('HGET', KEYS[1], 'v')
if not v then return redis.error_reply('NOT_FOUND') end
if v ~= ARGV[1] then return redis.error_reply('VERSION_MISMATCH ' .. v) end
redis.call('HSET', KEYS[1], 'd', ARGV[2], 'v', tostring(tonumber(v) + 1))
return tonumber(v) + 1
