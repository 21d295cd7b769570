-- Creates or extends a notice list with everything it does to its applications, all or
-- nothing (every check before the first write).
--   create: each application must exist, be IN_NOTICE on a NON_OBJECTION route with its
--           notice not ended at `now`, and be on no list; it is put on this one.
--   extend: the list's stored version must be the expected one and its deadline not passed.
-- Both move the notice end of the list's applications still in notice on it (schedule entry
-- notice|<p>|<a>, fields due and nend; version + 1) to the list's deadline, so the scheduler
-- decides them there, each once, as any notice end. Both append their audit entry
-- (accreditation.notice_list.created / .extended) after the last check.
-- KEYS[1] list hash  KEYS[2] process list index  KEYS[3] due zset  KEYS[4] request-id key
-- KEYS[5] audit log
-- ARGV[1] expected version ('0': create)  ARGV[2] has request id  ARGV[3] request ttl
-- ARGV[4] request fingerprint  ARGV[5] now (ms)  ARGV[6] deadline (ms)  ARGV[7] list id
-- ARGV[8] process  ARGV[9] record JSON  ARGV[10] index member  ARGV[11] key prefix
-- ARGV[12] principal (the creator or the extender)  ARGV[13] the extension's reason ('' on create)
-- ARGV[14..] application ids
-- @include common/redis/request_record.lua
-- @include common/audit_store/audit_append.lua
-- @include-generated services/accreditation/store/accreditation_constants.lua
-- @include services/accreditation/store/app_index.lua
local expected, now, deadline = ARGV[1], tonumber(ARGV[5]), ARGV[6]
local list_id, proc, prefix = ARGV[7], ARGV[8], ARGV[11]
if ARGV[2] == '1' then
  local raw = redis.call('GET', KEYS[4])
  if raw then
    local prior = recall(raw, ARGV[4])
    if not prior then return redis.error_reply('REQUEST_ID_REUSED request_id') end
    return {'REPLAY', prior}
  end
end
local stored = redis.call('HMGET', KEYS[1], 'v', 'dl')
if expected == '0' then
  if stored[1] then return redis.error_reply('EXISTS ' .. list_id) end
else
  if not stored[1] then return redis.error_reply('NOT_FOUND ' .. list_id) end
  if stored[1] ~= expected then return redis.error_reply('VERSION_MISMATCH ' .. stored[1]) end
  if now >= tonumber(stored[2]) then return redis.error_reply('DEADLINE_PASSED ' .. list_id) end
end

-- The applications to move: {key, id, version, old deadline, create ms, route, stakeholder}.
local moves = {}
for k = 14, #ARGV do
  local id = ARGV[k]
  local key = prefix .. 'app:' .. proc .. ':' .. id
  local app = redis.call('HMGET', key, 'st', 'rk', 'nl', 'due', 'v', 'ct', 'route', 'sh')
  local state, kind, on, due = tonumber(app[1]), tonumber(app[2]), app[3] or '', tonumber(app[4])
  if expected == '0' then
    if not app[1] then return redis.error_reply('APP_NOT_FOUND ' .. id) end
    if kind ~= ROUTE_KIND_NON_OBJECTION or state ~= APP_STATE_IN_NOTICE or not due or due <= now then
      return redis.error_reply('WRONG_STATE ' .. id)
    end
    if on ~= '' then return redis.error_reply('APPLICATION_ON_LIST ' .. id .. ' ' .. on) end
    moves[#moves + 1] = {key, id, app[5], app[4], app[6], app[7], app[8]}
  elseif state == APP_STATE_IN_NOTICE and on == list_id then
    moves[#moves + 1] = {key, id, app[5], app[4], app[6], app[7], app[8]}
  end
end

redis.call('HSET', KEYS[1], 'd', ARGV[9], 'v', tonumber(expected) + 1, 'dl', deadline)
if expected == '0' then redis.call('ZADD', KEYS[2], 0, ARGV[10]) end
for _, m in ipairs(moves) do
  redis.call('HSET', m[1], 'nl', list_id, 'due', deadline, 'nend', deadline, 'v', tonumber(m[3]) + 1)
  redis.call('ZADD', KEYS[3], deadline, 'notice|' .. proc .. '|' .. m[2])
  -- The listing's deadline index follows the new notice end (records without a creation
  -- time are indexed by their process's first filtered listing).
  if m[5] and m[5] ~= '' then
    reindex(prefix .. 'apps:' .. proc, listing_member(m[5], m[2]), APP_STATE_IN_NOTICE, m[4],
            APP_STATE_IN_NOTICE, deadline, m[6], m[7])
  end
end
local resource = 'processes/' .. proc .. '/noticeLists/' .. list_id
if expected == '0' then
  audit_append(KEYS[5], ARGV[5], ARGV[12], 'accreditation.notice_list.created', resource,
               {'applications', table.concat(ARGV, ',', 14), 'deadline', deadline})
else
  audit_append(KEYS[5], ARGV[5], ARGV[12], 'accreditation.notice_list.extended', resource,
               {'old_deadline', stored[2], 'deadline', deadline, 'reason', ARGV[13]})
end
if ARGV[2] == '1' then redis.call('SET', KEYS[4], remember(list_id, ARGV[4]), 'EX', ARGV[3]) end
return {'OK'}
