-- Creates a stakeholder with its indexes, unique-name claim and references, all or nothing.
-- Every check runs before the first write: an error reply leaves Redis untouched.
-- KEYS[1] record hash, KEYS[2] unique-name key, KEYS[3] request-id key, KEYS[4] audit log,
-- KEYS[5..] index zsets
-- ARGV[1] json  ARGV[2] sort key  ARGV[3] kind  ARGV[4] id  ARGV[5] has unique key (1/0)
-- ARGV[6] has request id (1/0)  ARGV[7] request-id ttl seconds  ARGV[8] key prefix
-- ARGV[9] number of affiliations  ARGV[10] request fingerprint ('' = not compared)
-- ARGV[11] audit entries (audit_notes.lua)  ARGV[12..] affiliation ids, then network member ids
-- Keys built from ARGV[8] share the {hash tag} of KEYS, so the script stays in one slot.
-- @include common/redis/request_record.lua
-- @include services/registry/store/audit_notes.lua
local p = ARGV[8]
if ARGV[6] == '1' then
  local raw = redis.call('GET', KEYS[3])
  if raw then
    local prior = recall(raw, ARGV[10])
    if not prior then return redis.error_reply('REQUEST_ID_REUSED request_id') end
    local d = redis.call('HGET', p .. 'sh:' .. prior, 'd')
    if d then return {'REPLAY', d} end
    return redis.error_reply('REPLAY_GONE ' .. prior)
  end
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.error_reply('ID_TAKEN ' .. ARGV[4])
end
if ARGV[5] == '1' then
  local owner = redis.call('GET', KEYS[2])
  if owner then return redis.error_reply('NAME_TAKEN ' .. owner) end
end
local naff = tonumber(ARGV[9])
for i = 12, #ARGV do
  local kind = redis.call('HGET', p .. 'sh:' .. ARGV[i], 'k')
  if not kind then return redis.error_reply('REF_MISSING ' .. (i - 12)) end
  if i < 12 + naff and kind ~= '1' then return redis.error_reply('REF_NOT_ORG ' .. (i - 12)) end
end

redis.call('HSET', KEYS[1], 'd', ARGV[1], 'sk', ARGV[2], 'k', ARGV[3], 'v', '1')
for i = 5, #KEYS do redis.call('ZADD', KEYS[i], 0, ARGV[2]) end
if ARGV[5] == '1' then redis.call('SET', KEYS[2], ARGV[4]) end
for i = 12, #ARGV do redis.call('SADD', p .. 'rb:' .. ARGV[i], ARGV[4]) end
for i = 12 + naff, #ARGV do
  local member_sk = redis.call('HGET', p .. 'sh:' .. ARGV[i], 'sk')
  redis.call('ZADD', p .. 'ix:net:' .. ARGV[4], 0, member_sk)
  redis.call('ZADD', p .. 'ix:netof:' .. ARGV[i], 0, ARGV[2])
end
if ARGV[6] == '1' then redis.call('SET', KEYS[3], remember(ARGV[4], ARGV[10]), 'EX', ARGV[7]) end
audit_notes(KEYS[4], ARGV[11])
return {'CREATED'}
