-- AckDelivery: for each named entry, acknowledges it, marks its input delivered to this
-- destination (so a re-queued copy is never handed out again) and removes the entry. Returns
-- per id 1, or 0 when the delivery was not pending (already acknowledged, moved to the
-- dead-letter list, unknown). One call per batch: a busy reader pays one round trip.
-- KEYS[1] inbox stream, KEYS[2] acknowledged-inputs set. ARGV: input-key prefix, entry ids.
-- Each acknowledgement appends its change-feed event (event_append.lua).
-- @include services/routing/store/event_append.lua
local dest = string.sub(KEYS[1], string.len('{rt}:inbox:') + 1)
local procs = event_processes({dest})
local out = {}
for k = 2, #ARGV do
  local id = ARGV[k]
  local acked = 0
  local e = redis.call('XRANGE', KEYS[1], id, id)
  if #e == 1 then
    local input
    for j = 1, #e[1][2], 2 do
      if e[1][2][j] == 'in' then input = e[1][2][j + 1] end
    end
    if redis.call('XACK', KEYS[1], 'g', id) == 1 then
      redis.call('SADD', KEYS[2], input)
      redis.call('XDEL', KEYS[1], id)
      redis.call('HINCRBY', ARGV[1] .. input, 'acked', 1)
      acked = 1
      event_append('delivery.acked', {'in', input, 'dest', dest, 'del', id, 'p', procs})
    end
  end
  out[#out + 1] = acked
end
return out
