-- Deletes a process at the expected version with its indexes.
-- KEYS[1] record hash, KEYS[2] audit log, KEYS[3..] index zsets. ARGV[1] expected version,
-- ARGV[2] id, ARGV[3] audit entries (audit_notes.lua).
-- @include services/registry/store/audit_notes.lua
local version = redis.call('HGET', KEYS[1], 'v')
if not version then return redis.error_reply('NOT_FOUND ' .. ARGV[2]) end
if version ~= ARGV[1] then return redis.error_reply('VERSION_MISMATCH ' .. version) end
for i = 3, #KEYS do redis.call('ZREM', KEYS[i], ARGV[2]) end
redis.call('DEL', KEYS[1])
audit_notes(KEYS[2], ARGV[3])
return 'DELETED'
