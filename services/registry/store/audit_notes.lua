-- The registry's audit entries, appended by the write script that makes the change, after its
-- last refusal (docs/audit.md). The use case decides them; the store passes them as one
-- argument (registry_json.h, WriteAuditJson): '' when the write appends none, else JSON
-- {"p": principal, "t": unix ms as a string, "e": [[action, resource, [name, value, ...]], ...]}.
-- @include common/audit_store/audit_append.lua
local function audit_notes(log, raw)
  if raw == '' then return end
  local audit = cjson.decode(raw)
  for _, e in ipairs(audit.e) do audit_append(log, audit.t, audit.p, e[1], e[2], e[3]) end
end
