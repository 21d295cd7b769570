-- MarkCarriedForward, all or nothing: stores a state's mark on an input once and counts it in
-- the uptake report of each process the state's vertical routes feed, as the dimension
-- "c:<state>" added to the input's dims (so RecordUptake later moves its status counters too).
-- KEYS[1] input hash, KEYS[2] the input's marks hash, KEYS[3] the input's uptake hash,
-- KEYS[4..] one report hash per process.
-- ARGV: expected version (of the record the caller checked the routes on), state, mark record,
-- then the process ids, ARGV[k] belonging to KEYS[k] for k >= 4.
-- Returns {'ok', mark} or {'dup', first mark}; refuses with NOT_FOUND or VERSION_MISMATCH (the
-- record changed since it was read: check again). A new mark appends its change-feed event
-- (event_append.lua).
-- @include services/routing/store/event_append.lua
local v = redis.call('HGET', KEYS[1], 'v')
if not v then return redis.error_reply('NOT_FOUND ' .. ARGV[2]) end
local prior = redis.call('HGET', KEYS[2], ARGV[2])
if prior then return {'dup', prior} end
if v ~= ARGV[1] then return redis.error_reply('VERSION_MISMATCH ' .. v) end
local dim = 'c:' .. ARGV[2]
for k = 4, #KEYS do
  local field = 'dims:' .. ARGV[k]
  local dims = redis.call('HGET', KEYS[1], field)
  local status = redis.call('HGET', KEYS[3], 's:' .. ARGV[k])
  if dims then
    redis.call('HSET', KEYS[1], field, dims .. ',' .. dim)
    redis.call('HINCRBY', KEYS[k], 'inputs|' .. dim, 1)
    if status then redis.call('HINCRBY', KEYS[k], status .. '|' .. dim, 1) end
  end
end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
local procs = {}
for k = 4, #KEYS do procs[#procs + 1] = ARGV[k] end
event_append('carried.forward', {'in', string.sub(KEYS[1], string.len('{rt}:in:') + 1), 's', ARGV[2],
                                 'p', table.concat(procs, ',')})
return {'ok', ARGV[3]}
