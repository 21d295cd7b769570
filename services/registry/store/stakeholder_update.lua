-- Replaces a stakeholder if it is still at the expected version, moving it between indexes,
-- unique-name claims and references; all checks run before the first write.
-- KEYS[1] record hash, KEYS[2] old unique key, KEYS[3] new unique key, KEYS[4] audit log,
-- KEYS[5 .. 4+ARGV[7]] old index zsets, then the new index zsets
-- ARGV[1] expected version  ARGV[2] json  ARGV[3] new sort key  ARGV[4] id
-- ARGV[5] has old unique key  ARGV[6] has new unique key  ARGV[7] number of old indexes
-- ARGV[8] key prefix  ARGV[9] n old affiliations  ARGV[10] n old members
-- ARGV[11] n new affiliations  ARGV[12] n new members  ARGV[13] audit entries
-- (audit_notes.lua), then the four id lists in that order
-- @include services/registry/store/audit_notes.lua
local p, id = ARGV[8], ARGV[4]
local version = redis.call('HGET', KEYS[1], 'v')
if not version then return redis.error_reply('NOT_FOUND ' .. id) end
if version ~= ARGV[1] then return redis.error_reply('VERSION_MISMATCH ' .. version) end
if ARGV[6] == '1' then
  local owner = redis.call('GET', KEYS[3])
  if owner and owner ~= id then return redis.error_reply('NAME_TAKEN ' .. owner) end
end
local n_old_aff, n_old_mem = tonumber(ARGV[9]), tonumber(ARGV[10])
local n_new_aff, n_new_mem = tonumber(ARGV[11]), tonumber(ARGV[12])
local old_first, new_first = 14, 14 + n_old_aff + n_old_mem
local new_last = new_first + n_new_aff + n_new_mem - 1
for i = new_first, new_last do
  local kind = redis.call('HGET', p .. 'sh:' .. ARGV[i], 'k')
  if not kind then return redis.error_reply('REF_MISSING ' .. (i - new_first)) end
  if i < new_first + n_new_aff and kind ~= '1' then
    return redis.error_reply('REF_NOT_ORG ' .. (i - new_first))
  end
end

local old_sk = redis.call('HGET', KEYS[1], 'sk')
local new_sk = ARGV[3]
local n_old_idx = tonumber(ARGV[7])
for i = 5, 4 + n_old_idx do redis.call('ZREM', KEYS[i], old_sk) end
for i = 5 + n_old_idx, #KEYS do redis.call('ZADD', KEYS[i], 0, new_sk) end
if ARGV[5] == '1' and redis.call('GET', KEYS[2]) == id then redis.call('DEL', KEYS[2]) end
if ARGV[6] == '1' then redis.call('SET', KEYS[3], id) end
for i = old_first, new_first - 1 do redis.call('SREM', p .. 'rb:' .. ARGV[i], id) end
for i = new_first, new_last do redis.call('SADD', p .. 'rb:' .. ARGV[i], id) end
-- This stakeholder's own member index, rebuilt from the new member list.
local net = p .. 'ix:net:' .. id
redis.call('DEL', net)
for i = new_first + n_new_aff, new_last do
  redis.call('ZADD', net, 0, redis.call('HGET', p .. 'sh:' .. ARGV[i], 'sk'))
end
-- The networks-of index of each old member loses this network, each new member's gains it.
for i = old_first + n_old_aff, new_first - 1 do
  redis.call('ZREM', p .. 'ix:netof:' .. ARGV[i], old_sk)
end
for i = new_first + n_new_aff, new_last do
  redis.call('ZADD', p .. 'ix:netof:' .. ARGV[i], 0, new_sk)
end
-- A renamed member moves in the member index of every network that lists it.
if old_sk ~= new_sk then
  for _, referrer in ipairs(redis.call('SMEMBERS', p .. 'rb:' .. id)) do
    if redis.call('HGET', p .. 'sh:' .. referrer, 'k') == '3' then
      local ix = p .. 'ix:net:' .. referrer
      if redis.call('ZREM', ix, old_sk) == 1 then redis.call('ZADD', ix, 0, new_sk) end
    end
  end
end
local next_version = tostring(tonumber(version) + 1)
redis.call('HSET', KEYS[1], 'd', ARGV[2], 'sk', new_sk, 'v', next_version)
audit_notes(KEYS[4], ARGV[13])
return next_version
