-- Applies a re-routing decided in C++ when the record's version is still the one read:
-- withdraws pending (unacknowledged) entries of withdrawn routes, queues added routes, and
-- stores the record with the change. KEYS[1] input hash, KEYS[2] the audit log, KEYS[3] the
-- index of inboxes.
-- ARGV: expected version, record, now_ms, id, inbox prefix, n_withdrawn, destinations...,
-- n_added, then per added route: destination, route record; then the new route count, then
-- the cause (the accreditation event, for the audit entry).
-- Returns the new version; refuses with NOT_FOUND or VERSION_MISMATCH, as cas.lua.
-- @include common/audit_store/audit_append.lua
-- @include services/routing/store/event_append.lua
local v = redis.call('HGET', KEYS[1], 'v')
if not v then return redis.error_reply('NOT_FOUND') end
if v ~= ARGV[1] then return redis.error_reply('VERSION_MISMATCH ' .. v) end
local prefix, id = ARGV[5], ARGV[4]
local i = 7
local withdrawn, added = {}, {}
for _ = 1, tonumber(ARGV[6]) do
  local dest = ARGV[i]
  withdrawn[#withdrawn + 1] = dest
  local entry = redis.call('HGET', KEYS[1], 'e:' .. dest)
  if entry then
    local stream = prefix .. dest
    if redis.call('XACK', stream, 'g', entry) == 1 or #redis.call('XRANGE', stream, entry, entry) > 0 then
      redis.call('XDEL', stream, entry)
    end
    redis.call('HDEL', KEYS[1], 'e:' .. dest)
  end
  i = i + 1
end
local na = tonumber(ARGV[i])
i = i + 1
for _ = 1, na do
  local stream = prefix .. ARGV[i]
  added[#added + 1] = ARGV[i]
  pcall(redis.call, 'XGROUP', 'CREATE', stream, 'g', '0', 'MKSTREAM')
  local entry = redis.call('XADD', stream, '*', 'in', id, 'r', ARGV[i + 1], 't', ARGV[3])
  redis.call('ZADD', KEYS[3], 0, ARGV[i])
  redis.call('HSET', KEYS[1], 'e:' .. ARGV[i], entry)
  i = i + 2
end
redis.call('HSET', KEYS[1], 'd', ARGV[2], 'v', tostring(tonumber(v) + 1), 'routes', ARGV[i])
audit_append(KEYS[2], ARGV[3], 'service:routing', 'routing.reroute', 'inputs/' .. id,
             {'withdrawn', table.concat(withdrawn, ','), 'added', table.concat(added, ','),
              'routes', ARGV[i], 'cause', ARGV[i + 1]})
local touched = {}
for _, d in ipairs(withdrawn) do touched[#touched + 1] = d end
for _, d in ipairs(added) do touched[#touched + 1] = d end
event_append('input.rerouted', {'in', id, 'd', table.concat(added, ','), 'w',
                                table.concat(withdrawn, ','), 'p', event_processes(touched)})
return tonumber(v) + 1
