-- RecordUptake: stores the latest record of an input and moves the input's report counters
-- in this process from its previous status there to the new one (the report is never
-- computed by a scan). The status is kept per process ('s:<process>'): an input routed into
-- two processes is reflected or not in each one's outcome separately.
-- KEYS[1] uptake hash of the input, KEYS[2] input hash, KEYS[3] the process's report hash,
-- KEYS[4] the audit log.
-- ARGV: process id, status name, record, recorded by, outcome id, now_ms. Returns 1; refuses with NOT_IN_PROCESS when the
-- input was not routed into the process.
-- @include common/audit_store/audit_append.lua
-- @include services/routing/store/event_append.lua
local dims = redis.call('HGET', KEYS[2], 'dims:' .. ARGV[1])
if not dims then return redis.error_reply('NOT_IN_PROCESS ' .. ARGV[1]) end
local old = redis.call('HGET', KEYS[1], 's:' .. ARGV[1])
for dim in string.gmatch(dims, '[^,]+') do
  if old then redis.call('HINCRBY', KEYS[3], old .. '|' .. dim, -1) end
  redis.call('HINCRBY', KEYS[3], ARGV[2] .. '|' .. dim, 1)
end
redis.call('HSET', KEYS[1], 's:' .. ARGV[1], ARGV[2], 'd', ARGV[3])
local input = string.sub(KEYS[2], string.len('{rt}:in:') + 1)
audit_append(KEYS[4], ARGV[6], ARGV[4], 'routing.uptake', 'inputs/' .. input,
             {'process', ARGV[1], 'outcome', ARGV[5], 'status', ARGV[2]})
event_append('uptake.recorded', {'in', input, 'p', ARGV[1], 'o', ARGV[5], 'u', ARGV[2]})
return 1
