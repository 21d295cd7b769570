-- The audit append every write script includes: the entry goes in by the same script as the
-- change it records, so there is never a change without its entry nor an entry without its
-- change. Call it after the script's last refusal, never before.
--   audit_append(log, now_ms, principal, action, resource, fields[, sensitive, salt])
-- log: the log key (<hash tag>:audit:log, common/audit_store/audit_keys.h), in the script's
-- own hash tag; fields: a flat list {name, value, name, value, ...} kept in that order;
-- sensitive: a set {grounds = true} of field names whose values enter the chain as a salted
-- digest, [AUDIT_PRINCIPAL] = true making the principal one too; salt: the entry salt, 64 hex
-- digits the service drew with a cryptographic generator (common/audit/salt.h), required with
-- any sensitive value: check it with audit_salt_ok before the script's first write. Returns
-- the entry's sequence (gap-free from 1). Entries are written in chain version 2
-- (docs/audit.md); the sealer (common/audit_store/audit_worker.h) chains and seals them
-- afterwards, outside Lua: Redis 7.0's Lua has no SHA-256.
local AUDIT_CHAIN_VERSION = 2
local AUDIT_PRINCIPAL = '@principal'

local function audit_salt_ok(salt)
  return type(salt) == 'string' and #salt == 64 and string.match(salt, '^%x+$') ~= nil
end

local function audit_append(log, now_ms, principal, action, resource, fields, sensitive, salt)
  local f = {}
  for i = 1, #fields, 2 do
    local name = fields[i]
    local field = {name, tostring(fields[i + 1])}
    if sensitive and sensitive[name] then field[3] = 1 end
    f[#f + 1] = field
  end
  local seq = redis.call('LLEN', log) + 1
  local entry = {v = AUDIT_CHAIN_VERSION, seq = seq, t = tostring(now_ms), p = principal or '',
                 a = action, r = resource, f = f}
  if sensitive and sensitive[AUDIT_PRINCIPAL] then entry.ps = 1 end
  if sensitive and next(sensitive) ~= nil then entry.s = salt end
  redis.call('RPUSH', log, cjson.encode(entry))
  return seq
end
