-- SubmitInput, all or nothing: the input record, one inbox entry per route, the listing
-- indexes, the uptake-report counters and the idempotency key.
-- KEYS[1] input hash, KEYS[2] idempotency key, KEYS[3] all-inputs index, KEYS[4] author
-- index, KEYS[5] consultations-and-relays version, KEYS[6] the audit log; KEYS[2] and KEYS[5]
-- are NONE (routing_keys.h kNoKey) when there is no request id or the version is not checked.
-- ARGV: id, record, now_ms, author, submitted by (principal), n_routes, then per route: inbox key, destination,
-- route record; then n_dims, then per dim: report key, dims ("t,g:4,r:1,k:1"), process;
-- then the version the routes were decided on; last, the request fingerprint ('' = not
-- compared). Appends the change-feed event (event_append.lua). Returns {'ok', id} or {'dup', first id} (a replay); refuses (common/redis/
-- script_error.h) with REQUEST_ID_REUSED, FACTS_CHANGED or EXISTS. Absent keys are passed as NONE, a name inside routing's key space, so that the
-- script stays within the routing user's key permissions.
local NONE = '{rt}:none'
-- @include common/redis/request_record.lua
-- @include common/audit_store/audit_append.lua
-- @include services/routing/store/event_append.lua
local id, record, now = ARGV[1], ARGV[2], ARGV[3]
local fp = ARGV[#ARGV]
if KEYS[2] ~= NONE then
  local raw = redis.call('GET', KEYS[2])
  if raw then
    local prior = recall(raw, fp)
    if not prior then return redis.error_reply('REQUEST_ID_REUSED request_id') end
    return {'dup', prior}
  end
end
-- Decided on consultations or relays that changed since: nothing written, decide again.
if KEYS[5] ~= NONE and (redis.call('GET', KEYS[5]) or '0') ~= ARGV[#ARGV - 1] then
  return redis.error_reply('FACTS_CHANGED ' .. id)
end
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.error_reply('EXISTS ' .. id) end
local n = tonumber(ARGV[6])
local fields = {'d', record, 'a', ARGV[4], 'v', '1', 'routes', tostring(n), 'acked', '0'}
local dests = {}
local i = 7
for _ = 1, n do
  local stream, dest, route = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  dests[#dests + 1] = dest
  -- The group starts at 0 so that an entry added before the first reader is not missed.
  pcall(redis.call, 'XGROUP', 'CREATE', stream, 'g', '0', 'MKSTREAM')
  local entry = redis.call('XADD', stream, '*', 'in', id, 'r', route, 't', now)
  redis.call('ZADD', KEYS[7], 0, dest)
  fields[#fields + 1] = 'e:' .. dest
  fields[#fields + 1] = entry
  i = i + 3
end
local nd = tonumber(ARGV[i])
i = i + 1
for _ = 1, nd do
  local rep, dims, process = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  for dim in string.gmatch(dims, '[^,]+') do redis.call('HINCRBY', rep, 'inputs|' .. dim, 1) end
  fields[#fields + 1] = 'dims:' .. process
  fields[#fields + 1] = dims
  i = i + 3
end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('ZADD', KEYS[3], now, id)
redis.call('ZADD', KEYS[4], now, id)
if KEYS[2] ~= NONE then redis.call('SET', KEYS[2], remember(id, fp), 'EX', 86400) end
audit_append(KEYS[6], now, ARGV[5], 'routing.route', 'inputs/' .. id,
             {'author', ARGV[4], 'destinations', table.concat(dests, ',')})
event_append('input.submitted', {'in', id, 'a', ARGV[4], 'd', table.concat(dests, ','),
                                  'p', event_processes(dests)})
return {'ok', id}
