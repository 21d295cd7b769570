-- One page of the intersection of lexicographic indexes (sorted sets, all scores 0, members
-- "<sort key>\0<id>" or "<id>"), in member order, with the records.
-- The smallest index drives the scan; every other index is probed with ZSCORE (O(1)), so a
-- page costs O(log N + scanned) whatever the registry's size. A scan budget bounds the work
-- of very selective intersections: the page may then be short, with a cursor to go on.
-- KEYS: index zsets. ARGV[1] start bound ('-', '[prefix' or '(cursor'), ARGV[2] end bound
-- ('+' or '[prefix\255'), ARGV[3] page size, ARGV[4] scan budget, ARGV[5] record key prefix.
-- Returns {next_cursor or '', record json...}.
local driver, smallest = 1, redis.call('ZCARD', KEYS[1])
for i = 2, #KEYS do
  local n = redis.call('ZCARD', KEYS[i])
  if n < smallest then driver, smallest = i, n end
end
local limit, budget = tonumber(ARGV[3]), tonumber(ARGV[4])
local chunk = limit + 1
if #KEYS > 1 then chunk = math.max(chunk, 256) end

local results, cursor = {}, ''
local start, scanned, done = ARGV[1], 0, false
while not done do
  local batch = redis.call('ZRANGEBYLEX', KEYS[driver], start, ARGV[2], 'LIMIT', 0, chunk)
  for _, member in ipairs(batch) do
    local match = true
    for i = 1, #KEYS do
      if i ~= driver and not redis.call('ZSCORE', KEYS[i], member) then
        match = false
        break
      end
    end
    scanned = scanned + 1
    if match then
      if #results == limit then
        cursor = results[#results]
        done = true
        break
      end
      results[#results + 1] = member
    end
    if scanned >= budget then
      cursor = member
      done = true
      break
    end
    start = '(' .. member
  end
  if #batch < chunk then done = true end
end

local out = {cursor}
for _, member in ipairs(results) do
  local sep = string.find(member, '\0', 1, true)
  local id = member
  if sep then id = string.sub(member, sep + 1) end
  out[#out + 1] = redis.call('HGET', ARGV[5] .. id, 'd') or ''
end
return out
