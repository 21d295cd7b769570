-- The change-feed append every routing write script includes: the event goes into {rt}:events
-- by the same script as the change it reports, so the feed never misses a committed change
-- nor reports one that was not committed. Call it after the script's last refusal.
--   event_append(kind, fields)
-- kind: the event's type (routing_change.h names them); fields: a flat list {name, value, ...}
-- of the names routing_change.h reads (in, a, d, w, dest, del, p, o, u, s). The entry id is
-- the event's position and commit time. The stream is capped near the length the service
-- stored in {rt}:events:cap (--event_stream_max_len), trimmed approximately (whole nodes),
-- which keeps XADD O(1).
local function event_append(kind, fields)
  local cap = redis.call('GET', '{rt}:events:cap') or '100000'
  local args = {'XADD', '{rt}:events', 'MAXLEN', '~', cap, '*', 'k', kind}
  for i = 1, #fields do args[#args + 1] = tostring(fields[i]) end
  return redis.call(unpack(args))
end

-- The process ids of destinations ("processes/<p>/..."), comma-separated, each once.
local function event_processes(dests)
  local seen, out = {}, {}
  for _, dest in ipairs(dests) do
    local p = string.match(dest, '^processes/([^/]+)')
    if p and not seen[p] then
      seen[p] = true
      out[#out + 1] = p
    end
  end
  return table.concat(out, ',')
end
