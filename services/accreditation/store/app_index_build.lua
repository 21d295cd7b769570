-- Builds one process's listing indexes (app_index.lua) from its applications, for
-- applications stored before those indexes existed; every later write keeps them. Run by the
-- first filtered listing of the process, in slices of ARGV[2] applications so that no call
-- holds Redis for long (about 50 ms per 1,000); the mark says where the build stands.
-- KEYS[1] the process's listing index {acc}:apps:<p>  KEYS[2] the mark {acc}:apps:<p>:ix:
--         absent (not started), '@<last member indexed>' (under way) or '1' (complete)
-- ARGV[1] the application key prefix '{acc}:app:<p>:'  ARGV[2] slice size
-- Returns 1 when the indexes are complete, 0 when another call must go on.
-- @include-generated services/accreditation/store/accreditation_constants.lua
-- @include services/accreditation/store/app_index.lua
local mark = redis.call('GET', KEYS[2])
if mark == '1' then return 1 end
local from = '-'
if mark then from = '(' .. string.sub(mark, 2) end
local members = redis.call('ZRANGEBYLEX', KEYS[1], from, '+', 'LIMIT', 0, tonumber(ARGV[2]))
for _, member in ipairs(members) do
  local id = string.match(member, ':([^:]+)$')
  local v = redis.call('HMGET', ARGV[1] .. id, 'st', 'due', 'route', 'sh')
  if v[1] then reindex(KEYS[1], member, nil, nil, v[1], v[2] or '', v[3] or '', v[4] or '') end
end
if #members < tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1')
  return 1
end
redis.call('SET', KEYS[2], '@' .. members[#members])
return 0
