-- Deletes a stakeholder at the expected version with its indexes, unique-name claim and
-- references, and takes it out of every stakeholder naming it: a reference never binds the
-- referenced. The caller read the referrers and computed their new records; they are
-- written only if the stakeholders naming it are still exactly those, at those versions.
-- KEYS[1] record hash, KEYS[2] unique key, KEYS[3] audit log, KEYS[4..] index zsets
-- ARGV[1] expected version  ARGV[2] id  ARGV[3] has unique key  ARGV[4] key prefix
-- ARGV[5] n referrers  ARGV[6] audit entries (audit_notes.lua), then n triples (referrer id,
-- its expected version, its new JSON), then the ids this stakeholder refers to (affiliations
-- and members)
-- @include services/registry/store/audit_notes.lua
local p, id = ARGV[4], ARGV[2]
local version = redis.call('HGET', KEYS[1], 'v')
if not version then return redis.error_reply('NOT_FOUND ' .. id) end
if version ~= ARGV[1] then return redis.error_reply('VERSION_MISMATCH ' .. version) end
local n_ref = tonumber(ARGV[5])
local refs_first, own_first = 7, 7 + 3 * n_ref
local named_by = p .. 'rb:' .. id
-- Only the commands the registry's ACL user holds (deploy/redis/acl-rules.conf).
local expected = {}
for i = refs_first, own_first - 1, 3 do expected[ARGV[i]] = ARGV[i + 1] end
local current = redis.call('SMEMBERS', named_by)
if #current ~= n_ref then return redis.error_reply('REFERRERS_CHANGED ' .. id) end
for _, referrer in ipairs(current) do
  local v = expected[referrer]
  if not v or redis.call('HGET', p .. 'sh:' .. referrer, 'v') ~= v then
    return redis.error_reply('REFERRERS_CHANGED ' .. id)
  end
end

local sk = redis.call('HGET', KEYS[1], 'sk')
for i = refs_first, own_first - 1, 3 do
  local referrer = ARGV[i]
  redis.call('HSET', p .. 'sh:' .. referrer, 'd', ARGV[i + 2], 'v',
    tostring(tonumber(ARGV[i + 1]) + 1))
  redis.call('ZREM', p .. 'ix:net:' .. referrer, sk)
end
for i = 4, #KEYS do redis.call('ZREM', KEYS[i], sk) end
if ARGV[3] == '1' and redis.call('GET', KEYS[2]) == id then redis.call('DEL', KEYS[2]) end
for i = own_first, #ARGV do
  redis.call('SREM', p .. 'rb:' .. ARGV[i], id)
  redis.call('ZREM', p .. 'ix:netof:' .. ARGV[i], sk)
end
redis.call('DEL', p .. 'ix:net:' .. id, p .. 'ix:netof:' .. id, named_by, KEYS[1])
audit_notes(KEYS[3], ARGV[6])
return 'DELETED'
