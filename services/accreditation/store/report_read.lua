-- Reads one scope's transparency counters and its decision-time percentiles by rank
-- (ZCARD + two ZRANGE by index: O(log n), no scan). Writes nothing.
-- KEYS[1] counters hash  KEYS[2] decision-time zset (scores in ms)
local function at_rank(q, n)
  if n == 0 then return '0' end
  local r = math.ceil(q * n) - 1
  if r < 0 then r = 0 end
  local v = redis.call('ZRANGE', KEYS[2], r, r, 'WITHSCORES')
  return v[2]
end
local n = redis.call('ZCARD', KEYS[1 + 1])
return {redis.call('HGETALL', KEYS[1]), n, at_rank(0.5, n), at_rank(0.9, n)}
