-- Publishes a signed head unless a later one is already published (two replicas publishing
-- at once leave the highest). KEYS[1] the head (string), KEYS[2] the list of heads.
-- ARGV: seq, head JSON. Returns 1 when published, 0 when an equal or later head was there.
local current = redis.call('GET', KEYS[1])
if current and tonumber(cjson.decode(current).seq) > tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('RPUSH', KEYS[2], ARGV[2])
return 1
