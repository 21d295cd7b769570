-- PullInbox for one destination: first entries handed out earlier and unacknowledged for
-- longer than the visibility timeout (XAUTOCLAIM; one handed out too often moves to the
-- dead-letter list with the reason), then new entries (XREADGROUP). Entries of inputs this
-- destination already acknowledged are acknowledged again silently, never handed out.
-- KEYS[1] inbox stream, KEYS[2] dead-letter list, KEYS[3] acknowledged-inputs set.
-- ARGV: consumer, count, visibility_ms, max_deliveries, now_ms, input-key prefix.
-- A move to the dead letters appends its change-feed event (event_append.lua).
-- @include services/routing/store/event_append.lua
local stream, dlq, done = KEYS[1], KEYS[2], KEYS[3]
local consumer, count = ARGV[1], tonumber(ARGV[2])
local max_deliveries, prefix = tonumber(ARGV[4]), ARGV[6]
pcall(redis.call, 'XGROUP', 'CREATE', stream, 'g', '0', 'MKSTREAM')
local out = {}
local function fields_of(kv)
  local f = {}
  for j = 1, #kv, 2 do f[kv[j]] = kv[j + 1] end
  return f
end
local function drop(entry_id)
  redis.call('XACK', stream, 'g', entry_id)
  redis.call('XDEL', stream, entry_id)
end
local function hand_out(entry_id, f, times)
  if redis.call('SISMEMBER', done, f['in']) == 1 then
    drop(entry_id)
    return
  end
  local rec = redis.call('HGET', prefix .. f['in'], 'd') or ''
  out[#out + 1] = {entry_id, f['in'], f['r'], rec, tostring(times), f['t']}
end
local claimed = redis.call('XAUTOCLAIM', stream, 'g', consumer, ARGV[3], '0-0', 'COUNT', count)
for _, e in ipairs(claimed[2]) do
  if e and e[2] then
    local f = fields_of(e[2])
    local p = redis.call('XPENDING', stream, 'g', e[1], e[1], 1)
    local times = (p[1] and p[1][4]) or 1
    if times > max_deliveries then
      -- The route only when it is JSON (older entries); a binary one stays on the input.
      local route = nil
      if f['r'] and string.sub(f['r'], 1, 1) == '{' then route = f['r'] end
      redis.call('RPUSH', dlq, cjson.encode({delivery_id = e[1], input = f['in'], route = route,
        deliveries = times - 1, moved_ms = tonumber(ARGV[5]),
        reason = 'handed out ' .. (times - 1) .. ' times without acknowledgement'}))
      drop(e[1])
      local dest = string.sub(stream, string.len('{rt}:inbox:') + 1)
      event_append('delivery.dead_lettered', {'in', f['in'], 'dest', dest, 'del', e[1],
                                              'p', event_processes({dest})})
    else
      hand_out(e[1], f, times)
    end
  end
end
local room = count - #out
if room > 0 then
  local fresh = redis.call('XREADGROUP', 'GROUP', 'g', consumer, 'COUNT', room, 'STREAMS',
                           stream, '>')
  if fresh then
    for _, e in ipairs(fresh[1][2]) do hand_out(e[1], fields_of(e[2]), 1) end
  end
end
return out
