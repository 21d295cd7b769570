-- AckDelivery: acknowledges the entry, marks its input delivered to this destination (so a
-- re-queued copy is never handed out again) and removes the entry. Returns 1, or 0 when the
-- delivery was not pending (already acknowledged, moved to the dead-letter list, unknown).
-- KEYS[1] inbox stream, KEYS[2] acknowledged-inputs set. ARGV: entry id, input-key prefix.
local e = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
if #e == 0 then return 0 end
local input
for j = 1, #e[1][2], 2 do
  if e[1][2][j] == 'in' then input = e[1][2][j + 1] end
end
local n = redis.call('XACK', KEYS[1], 'g', ARGV[1])
if n == 0 then return 0 end
redis.call('SADD', KEYS[2], input)
redis.call('XDEL', KEYS[1], ARGV[1])
redis.call('HINCRBY', ARGV[2] .. input, 'acked', 1)
return 1
