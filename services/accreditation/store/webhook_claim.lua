-- Claims a webhook subscription's delivery lease for one replica, so that one replica at a
-- time delivers its events (one delivery per event across replicas). The lease is taken when
-- free, expired or already ours, and runs on Redis's clock.
-- KEYS[1] {acc}:wh:<id>; ARGV: replica token, lease ms.
-- Returns nil (deleted, or leased by another replica) or {cursor, failed attempts, ms until
-- the next attempt may start}.
if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local v = redis.call('HMGET', KEYS[1], 'ls', 'lu', 'cur', 'att', 'nx')
if v[1] and v[1] ~= '' and v[1] ~= ARGV[1] and tonumber(v[2] or '0') > now then return nil end
redis.call('HSET', KEYS[1], 'ls', ARGV[1], 'lu', tostring(now + tonumber(ARGV[2])))
local wait = math.max(0, tonumber(v[5] or '0') - now)
return {v[3] or '0-0', v[4] or '0', tostring(wait)}
