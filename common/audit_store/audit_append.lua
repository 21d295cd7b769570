-- The audit append every write script includes: the entry goes in by the same script as the
-- change it records, so there is never a change without its entry nor an entry without its
-- change. Call it after the script's last refusal, never before.
--   audit_append(log, now_ms, principal, action, resource, fields[, sensitive])
-- log: the log key (<hash tag>:audit:log, common/audit_store/audit_keys.h), in the script's
-- own hash tag; fields: a flat list {name, value, name, value, ...} kept in that order;
-- sensitive: a set {grounds = true} of field names whose values enter the chain as their
-- SHA-256 digest. Returns the entry's sequence (gap-free from 1). The sealer
-- (common/audit_store/audit_sealer.h) chains and seals entries afterwards, outside Lua: Redis
-- 7.0's Lua has no SHA-256.
local function audit_append(log, now_ms, principal, action, resource, fields, sensitive)
  local f = {}
  for i = 1, #fields, 2 do
    local name = fields[i]
    local field = {name, tostring(fields[i + 1])}
    if sensitive and sensitive[name] then field[3] = 1 end
    f[#f + 1] = field
  end
  local seq = redis.call('LLEN', log) + 1
  local entry = {seq = seq, t = tostring(now_ms), p = principal or '', a = action,
                 r = resource, f = f}
  redis.call('RPUSH', log, cjson.encode(entry))
  return seq
end
