-- Replaces an input's record when its version is still the one the caller read
-- (optimistic concurrency for joint-statement changes). KEYS[1] input hash.
-- ARGV: expected version, new record. Returns the new version, or -1 on a clash, 0 when
-- the input is gone.
local v = redis.call('HGET', KEYS[1], 'v')
if not v then return 0 end
if v ~= ARGV[1] then return -1 end
redis.call('HSET', KEYS[1], 'd', ARGV[2], 'v', tostring(tonumber(v) + 1))
return tonumber(v) + 1
