-- An operator requeues or drops a dead letter of one destination. The entry is found by its
-- delivery id (the list keeps the JSON pull.lua wrote); requeue adds it back to the inbox as a
-- new delivery with the route given, and records the new entry on the input. Either way the
-- audit log gets the operator's action in the same script.
-- KEYS[1] dead-letter list, KEYS[2] inbox stream, KEYS[3] input hash, KEYS[4] audit log,
-- KEYS[5] the index of inboxes.
-- ARGV: 'requeue' | 'drop', delivery id, input id, destination, route record (requeue),
-- now_ms, principal. Returns the new delivery id (requeue) or 1 (drop); refuses NOT_FOUND when
-- no dead letter of that input has that id.
-- @include common/audit_store/audit_append.lua
-- @include services/routing/store/event_append.lua
local op, delivery, input, dest = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local entries = redis.call('LRANGE', KEYS[1], 0, -1)
local found, record = nil, nil
for _, raw in ipairs(entries) do
  local e = cjson.decode(raw)
  if e.delivery_id == delivery and e.input == input then
    found, record = raw, e
    break
  end
end
if not found then return redis.error_reply('NOT_FOUND ' .. delivery) end
redis.call('LREM', KEYS[1], 1, found)
local result = 1
local fields = {'destination', dest, 'delivery', delivery, 'reason', record.reason or ''}
if op == 'requeue' then
  pcall(redis.call, 'XGROUP', 'CREATE', KEYS[2], 'g', '0', 'MKSTREAM')
  result = redis.call('XADD', KEYS[2], '*', 'in', input, 'r', ARGV[5], 't', ARGV[6])
  redis.call('ZADD', KEYS[5], 0, dest)
  if redis.call('EXISTS', KEYS[3]) == 1 then redis.call('HSET', KEYS[3], 'e:' .. dest, result) end
  fields[#fields + 1] = 'new_delivery'
  fields[#fields + 1] = result
end
local action = op == 'requeue' and 'routing.dead_letter.requeued' or 'routing.dead_letter.dropped'
audit_append(KEYS[4], ARGV[6], ARGV[7], action, 'inputs/' .. input, fields)
if op == 'requeue' then
  event_append('dead_letter.requeued', {'in', input, 'dest', dest, 'del', result, 'p',
                                        event_processes({dest})})
else
  event_append('dead_letter.dropped', {'in', input, 'dest', dest, 'del', delivery, 'p',
                                       event_processes({dest})})
end
return result
