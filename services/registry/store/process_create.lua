-- Creates a process with its indexes, all or nothing.
-- KEYS[1] record hash, KEYS[2] request-id key, KEYS[3] audit log, KEYS[4..] index zsets
-- ARGV[1] json  ARGV[2] id  ARGV[3] has request id (1/0)  ARGV[4] ttl  ARGV[5] key prefix
-- ARGV[6] request fingerprint ('' = not compared)  ARGV[7] audit entries (audit_notes.lua)
-- @include common/redis/request_record.lua
-- @include services/registry/store/audit_notes.lua
if ARGV[3] == '1' then
  local raw = redis.call('GET', KEYS[2])
  if raw then
    local prior = recall(raw, ARGV[6])
    if not prior then return redis.error_reply('REQUEST_ID_REUSED request_id') end
    local d = redis.call('HGET', ARGV[5] .. 'pr:' .. prior, 'd')
    if d then return {'REPLAY', d} end
    return redis.error_reply('REPLAY_GONE ' .. prior)
  end
end
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.error_reply('ID_TAKEN ' .. ARGV[2]) end
redis.call('HSET', KEYS[1], 'd', ARGV[1], 'v', '1')
for i = 4, #KEYS do redis.call('ZADD', KEYS[i], 0, ARGV[2]) end
if ARGV[3] == '1' then redis.call('SET', KEYS[2], remember(ARGV[2], ARGV[6]), 'EX', ARGV[4]) end
audit_notes(KEYS[3], ARGV[7])
return {'CREATED'}
