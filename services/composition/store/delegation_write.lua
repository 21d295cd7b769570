-- Creates, replaces or deletes one delegation together with its session index entry and the
-- openness counters, all or nothing: every check happens before the first write.
-- KEYS[1] record hash  KEYS[2] session index zset  KEYS[3] session counters hash
-- KEYS[4] set of sessions with counters  KEYS[5] process counters hash  KEYS[6] request-id key
-- KEYS[7] the process's audit log
-- ARGV[1] op: create | update | delete   ARGV[2] state   ARGV[3] session id
-- ARGV[4] expected version (update, delete)   ARGV[5] JSON (create, update)
-- ARGV[6] has request id (1/0)   ARGV[7] request-id ttl   ARGV[8] key prefix
-- ARGV[9] record key relative to the prefix (what a request id remembers)
-- ARGV[10] request fingerprint ('' = not compared)
-- ARGV[11..] n, (field, delta)*n for KEYS[3]; n, (field, delta)*n for KEYS[5];
--            n, (field, value)*n set on KEYS[5]; then, for the audit entry: principal,
--            now (ms), member count, non-governmental member count
-- @include common/redis/request_record.lua
-- @include common/audit_store/audit_append.lua
local op = ARGV[1]
local next_version = '1'
if op == 'create' then
  if ARGV[6] == '1' then
    local raw = redis.call('GET', KEYS[6])
    if raw then
      local prior = recall(raw, ARGV[10])
      if not prior then return redis.error_reply('REQUEST_ID_REUSED request_id') end
      local d = redis.call('HMGET', ARGV[8] .. prior, 'd', 'v')
      if d[1] then return {'REPLAY', d[1], d[2]} end
      return redis.error_reply('REPLAY_GONE ' .. prior)
    end
  end
  if redis.call('EXISTS', KEYS[1]) == 1 then return redis.error_reply('EXISTS ' .. ARGV[2]) end
else
  local version = redis.call('HGET', KEYS[1], 'v')
  if not version then return redis.error_reply('NOT_FOUND ' .. ARGV[2]) end
  if version ~= ARGV[4] then return redis.error_reply('VERSION_MISMATCH ' .. version) end
  next_version = tostring(tonumber(version) + 1)
end

if op == 'delete' then
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[2], ARGV[2])
else
  redis.call('HSET', KEYS[1], 'd', ARGV[5], 'v', next_version)
  redis.call('ZADD', KEYS[2], 0, ARGV[2])
end

local i = 11
local n = tonumber(ARGV[i])
i = i + 1
for _ = 1, n do
  redis.call('HINCRBY', KEYS[3], ARGV[i], ARGV[i + 1])
  i = i + 2
end
n = tonumber(ARGV[i])
i = i + 1
for _ = 1, n do
  redis.call('HINCRBY', KEYS[5], ARGV[i], ARGV[i + 1])
  i = i + 2
end
n = tonumber(ARGV[i])
i = i + 1
for _ = 1, n do
  redis.call('HSET', KEYS[5], ARGV[i], ARGV[i + 1])
  i = i + 2
end
redis.call('SADD', KEYS[4], ARGV[3])
audit_append(KEYS[7], ARGV[i + 1], ARGV[i], 'composition.delegation.' .. op,
             'processes/' .. string.match(ARGV[8], '{(.*)}') .. '/sessions/' .. ARGV[3] ..
               '/delegations/' .. ARGV[2],
             {'members', ARGV[i + 2], 'non_governmental', ARGV[i + 3]})
if op == 'create' and ARGV[6] == '1' then
  redis.call('SET', KEYS[6], remember(ARGV[9], ARGV[10]), 'EX', ARGV[7])
end
return {'OK', next_version}
