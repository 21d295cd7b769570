-- RecordUptake: stores the latest record of an input and moves the input's report counters
-- in this process from its previous status there to the new one (the report is never
-- computed by a scan). The status is kept per process ('s:<process>'): an input routed into
-- two processes is reflected or not in each one's outcome separately.
-- KEYS[1] uptake hash of the input, KEYS[2] input hash, KEYS[3] the process's report hash.
-- ARGV: process id, status name, record. Returns 1; refuses with NOT_IN_PROCESS when the
-- input was not routed into the process.
local dims = redis.call('HGET', KEYS[2], 'dims:' .. ARGV[1])
if not dims then return redis.error_reply('NOT_IN_PROCESS ' .. ARGV[1]) end
local old = redis.call('HGET', KEYS[1], 's:' .. ARGV[1])
for dim in string.gmatch(dims, '[^,]+') do
  if old then redis.call('HINCRBY', KEYS[3], old .. '|' .. dim, -1) end
  redis.call('HINCRBY', KEYS[3], ARGV[2] .. '|' .. dim, 1)
end
redis.call('HSET', KEYS[1], 's:' .. ARGV[1], ARGV[2], 'd', ARGV[3])
return 1
