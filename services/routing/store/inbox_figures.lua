-- One page of the index of inboxes with each inbox's figures, for the operators' gauges
-- (api/inbox_metrics_sampler.h). Reads only. Each inbox costs five O(1) commands (XLEN,
-- XPENDING's summary, XRANGE of one entry, LLEN, and the index step), so a page of `limit`
-- inboxes holds Redis for a bounded time however large the inboxes are.
-- KEYS[1] the index of inboxes (zset, score 0, members the destinations).
-- ARGV: after (the last destination of the previous page; '' = from the start), limit,
-- inbox-key prefix, dead-letter-key prefix (both under KEYS[1]'s hash tag).
-- Returns {next, {destination, entries, pending, oldest_enqueue_ms, dead letters}, ...}; next is
-- the page's last destination, '' when the index ends with this page; oldest_enqueue_ms is -1
-- for an inbox without entries.
local after, limit = ARGV[1], tonumber(ARGV[2])
local from = '-'
if after ~= '' then from = '(' .. after end
local dests = redis.call('ZRANGEBYLEX', KEYS[1], from, '+', 'LIMIT', 0, limit)
local out = {''}
if #dests == limit then out[1] = dests[#dests] end
for _, dest in ipairs(dests) do
  local stream = ARGV[3] .. dest
  local entries = redis.call('XLEN', stream)
  local pending = 0
  local ok, summary = pcall(redis.call, 'XPENDING', stream, 'g')
  if ok and type(summary) == 'table' then pending = summary[1] end
  -- Acknowledged and dead-lettered entries are deleted from the stream (ack.lua, pull.lua),
  -- so the first entry left is the oldest one undelivered or pending.
  local oldest = -1
  local first = redis.call('XRANGE', stream, '-', '+', 'COUNT', 1)
  if first[1] then
    local kv = first[1][2]
    for j = 1, #kv, 2 do
      if kv[j] == 't' then oldest = tonumber(kv[j + 1]) or -1 end
    end
    if oldest < 0 then oldest = tonumber(string.match(first[1][1], '^(%d+)')) end
  end
  out[#out + 1] = {dest, entries, pending, oldest, redis.call('LLEN', ARGV[4] .. dest)}
end
return out
