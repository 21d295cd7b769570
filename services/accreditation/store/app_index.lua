-- The listing indexes of one process's applications (accreditation_keys.h), kept by every
-- script that writes an application. `apps` is the process's listing index {acc}:apps:<p>;
-- the others sit beside it. Members are the listing member "<create ms, 16 digits>:<id>",
-- so every index pages in creation order with the same cursor; the deadline index prefixes
-- the notice deadline ("~" when there is none, which sorts after every digit).
-- Needs the generated constants (APP_STATE_IN_NOTICE) included before it.
local function pad16(ms) return string.format('%016d', tonumber(ms)) end
local function listing_member(create_ms, id) return pad16(create_ms) .. ':' .. id end
local function deadline_member(state, due, member)
  if tonumber(state) == APP_STATE_IN_NOTICE and due and due ~= '' then
    return pad16(due) .. ':' .. member
  end
  return '~:' .. member
end
-- Indexes `member` under its new state and notice deadline, dropping its old entries
-- (old_state nil or false: none). Route and stakeholder never change; adding them again is a
-- no-op that also heals records indexed before these indexes existed.
local function reindex(apps, member, old_state, old_due, state, due, route, stakeholder)
  if old_state and tostring(old_state) ~= tostring(state) then
    redis.call('ZREM', apps .. ':st:' .. old_state, member)
  end
  local deadline = deadline_member(state, due, member)
  if old_state then
    local old_deadline = deadline_member(old_state, old_due, member)
    if old_deadline ~= deadline then redis.call('ZREM', apps .. ':dl', old_deadline) end
  end
  redis.call('ZADD', apps .. ':st:' .. state, 0, member)
  redis.call('ZADD', apps .. ':dl', 0, deadline)
  redis.call('ZADD', apps .. ':rt:' .. route, 0, member)
  redis.call('ZADD', apps .. ':sh:' .. stakeholder, 0, member)
end
