-- Deletes a stakeholder at the expected version with its indexes, unique-name claim and
-- references; refused while another stakeholder refers to it.
-- KEYS[1] record hash, KEYS[2] unique key, KEYS[3..] index zsets
-- ARGV[1] expected version  ARGV[2] id  ARGV[3] has unique key  ARGV[4] key prefix
-- ARGV[5..] ids this stakeholder refers to (affiliations and members)
local p, id = ARGV[4], ARGV[2]
local version = redis.call('HGET', KEYS[1], 'v')
if not version then return redis.error_reply('NOT_FOUND ' .. id) end
if version ~= ARGV[1] then return redis.error_reply('VERSION_MISMATCH ' .. version) end
local referrer = redis.call('SRANDMEMBER', p .. 'rb:' .. id)
if referrer then return redis.error_reply('REFERENCED ' .. referrer) end

local sk = redis.call('HGET', KEYS[1], 'sk')
for i = 3, #KEYS do redis.call('ZREM', KEYS[i], sk) end
if ARGV[3] == '1' and redis.call('GET', KEYS[2]) == id then redis.call('DEL', KEYS[2]) end
for i = 5, #ARGV do
  redis.call('SREM', p .. 'rb:' .. ARGV[i], id)
  redis.call('ZREM', p .. 'ix:netof:' .. ARGV[i], sk)
end
redis.call('DEL', p .. 'ix:net:' .. id, p .. 'ix:netof:' .. id, p .. 'rb:' .. id, KEYS[1])
return 'DELETED'
