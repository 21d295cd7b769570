-- The audit entry of an accreditation decision, built from the event the script appends to
-- {acc}:events, so that a script wires its audit in one line after its XADD:
--   audit_event(KEYS[n], event, extra, sensitive, salt)
-- log: the audit log key ({acc}:audit:log); event: the flat {name, value, ...} list given to
-- XADD (its 'type', 'by' and 'at' become the entry's action, principal and time; 'process'
-- with 'application', or with 'stakeholder' for an accreditation's own changes, its
-- resource; every other pair a field, in order); extra: more {name, value, ...} fields the
-- stream must not carry (an objection's grounds); sensitive: the set of names (event or extra;
-- AUDIT_PRINCIPAL for the principal) that enter the chain as salted digests and are redacted
-- for readers the disclosure rules exclude; salt: the entry salt audit_append needs with them.
-- @include common/audit_store/audit_append.lua
local function audit_event(log, event, extra, sensitive, salt)
  local named, fields = {}, {}
  for k = 1, #event, 2 do
    local name, value = event[k], event[k + 1]
    named[name] = value
    if name ~= 'type' and name ~= 'by' and name ~= 'at' then
      fields[#fields + 1] = name
      fields[#fields + 1] = value
    end
  end
  for k = 1, #(extra or {}) do fields[#fields + 1] = extra[k] end
  local kind = named['type'] or ''
  local resource
  if string.sub(kind, 1, 14) == 'accreditation.' then
    resource = 'processes/' .. (named['process'] or '') .. '/accreditations/' ..
      (named['stakeholder'] or '')
  else
    resource = 'processes/' .. (named['process'] or '') .. '/applications/' ..
      (named['application'] or '')
    kind = 'accreditation.' .. kind
  end
  return audit_append(log, named['at'] or '0', named['by'] or '', kind, resource, fields, sensitive,
                      salt)
end
