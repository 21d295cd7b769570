-- Records the outcome of one delivery attempt of a webhook subscription, if this replica
-- still holds its lease and its cursor is still `expected` (else nothing: 0).
-- KEYS[1] {acc}:wh:<id>, KEYS[2] {acc}:whdl:<id>
-- ARGV: replica token, expected cursor, outcome (done | failed), new cursor, delay ms before
-- the next attempt, dead letter (JSON, pushed when this failure is the last allowed),
-- attempts allowed.
-- done: the cursor moves to `new cursor` (delivered, or events the owner may not see).
-- failed: one more failed attempt; the next waits `delay`; at the last allowed, the event
-- goes to the dead letters (the newest 1000 kept) and the cursor moves on.
-- Returns 1 (recorded), 2 (dead-lettered), 0 (lease lost, cursor moved or deleted).
local v = redis.call('HMGET', KEYS[1], 'ls', 'cur', 'att')
if not v[1] or v[1] ~= ARGV[1] or (v[2] or '0-0') ~= ARGV[2] then return 0 end
if ARGV[3] == 'done' then
  redis.call('HSET', KEYS[1], 'cur', ARGV[4], 'att', '0', 'nx', '0')
  return 1
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local att = tonumber(v[3] or '0') + 1
if att >= tonumber(ARGV[7]) then
  redis.call('RPUSH', KEYS[2], ARGV[6])
  redis.call('LTRIM', KEYS[2], -1000, -1)
  redis.call('HSET', KEYS[1], 'cur', ARGV[4], 'att', '0', 'nx', '0')
  return 2
end
redis.call('HSET', KEYS[1], 'att', tostring(att), 'nx', tostring(now + tonumber(ARGV[5])))
return 1
