-- A body with its nominations version and every nomination, read in one step so that the
-- version matches the nominations (the draw records the version it was solved on).
-- KEYS[1] body hash, KEYS[2] nominations hash. Reply: {} when there is no such body, else
-- {d, st, v, dr or false, id1, nomination1, id2, nomination2, ...}.
local h = redis.call('HMGET', KEYS[1], 'd', 'st', 'v', 'dr')
if not h[1] then return {} end
local out = {h[1], h[2], h[3], h[4]}
local noms = redis.call('HGETALL', KEYS[2])
for i = 1, #noms do out[#out + 1] = noms[i] end
return out
