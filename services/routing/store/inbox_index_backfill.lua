-- Builds the index of inboxes for inboxes created before it existed, from the inputs
-- themselves: each input hash names its inbox entries in fields e:<destination>. One page of
-- inputs per call (by rank in the all-inputs index, oldest first: ranks of old inputs never
-- move, new ones are added after them and are indexed by submit.lua anyway); the mark is set
-- once the last page is done, and from then on every call returns at once.
-- KEYS[1] all-inputs index (zset), KEYS[2] the index of inboxes, KEYS[3] the built mark.
-- ARGV: start rank, page size, input-key prefix (KEYS[1]'s hash tag).
-- Returns the next start rank, or -1 when the index is complete.
if redis.call('EXISTS', KEYS[3]) == 1 then return -1 end
local start, count = tonumber(ARGV[1]), tonumber(ARGV[2])
local ids = redis.call('ZRANGE', KEYS[1], start, start + count - 1)
for _, id in ipairs(ids) do
  for _, field in ipairs(redis.call('HKEYS', ARGV[3] .. id)) do
    if string.sub(field, 1, 2) == 'e:' then redis.call('ZADD', KEYS[2], 0, string.sub(field, 3)) end
  end
end
if #ids < count then
  redis.call('SET', KEYS[3], '1')
  return -1
end
return start + #ids
