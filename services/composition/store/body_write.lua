-- Every write of a multistakeholder body and its nominations, all or nothing. Each check runs
-- before the first write: an error reply leaves Redis untouched.
-- KEYS[1] body hash (d: Body bytes, st: N|D, v: nominations version, dr: BodyDraw bytes)
-- KEYS[2] nominations hash (nomination id -> Nomination bytes)
-- KEYS[3] candidates hash (candidate id -> nomination id)
-- KEYS[4] the process's audit log
-- ARGV[1] op: create | nominate | withdraw | draw
--   create:   ARGV[2] Body bytes
--   nominate: ARGV[2] nomination id, ARGV[3] candidate id, ARGV[4] Nomination bytes,
--             ARGV[5] most nominations a body takes
--   withdraw: ARGV[2] nomination id, ARGV[3] candidate id, ARGV[4] the bytes read
--   draw:     ARGV[2] nominations version the draw was solved on, ARGV[3] BodyDraw bytes,
--             then for the audit entry: ARGV[4] drawn by, ARGV[5] now (ms), ARGV[6] body name,
--             ARGV[7] seed, ARGV[8] seed SHA-256, ARGV[9] member ids (comma-separated),
--             ARGV[10] panel index; over numbered panels also ARGV[11] their count,
--             ARGV[12] the number drawn, ARGV[13] seed | public_draw (what gave the number),
--             ARGV[14] the panels' SHA-256
-- @include common/audit_store/audit_append.lua
local op = ARGV[1]
if op == 'create' then
  if redis.call('EXISTS', KEYS[1]) == 1 then return redis.error_reply('BODY_EXISTS') end
  redis.call('HSET', KEYS[1], 'd', ARGV[2], 'st', 'N', 'v', '0')
  return 'OK'
end

local st = redis.call('HGET', KEYS[1], 'st')
if not st then return redis.error_reply('BODY_NOT_FOUND') end
if st == 'D' then return redis.error_reply('BODY_DRAWN') end

if op == 'nominate' then
  if redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1 then
    return redis.error_reply('NOMINATION_EXISTS')
  end
  local holder = redis.call('HGET', KEYS[3], ARGV[3])
  if holder then return redis.error_reply('CANDIDATE_TAKEN ' .. holder) end
  if redis.call('HLEN', KEYS[2]) >= tonumber(ARGV[5]) then
    return redis.error_reply('BODY_FULL')
  end
  redis.call('HSET', KEYS[2], ARGV[2], ARGV[4])
  redis.call('HSET', KEYS[3], ARGV[3], ARGV[2])
  redis.call('HINCRBY', KEYS[1], 'v', 1)
  return 'OK'
elseif op == 'withdraw' then
  local current = redis.call('HGET', KEYS[2], ARGV[2])
  if not current then return redis.error_reply('NOMINATION_NOT_FOUND') end
  if current ~= ARGV[4] then return redis.error_reply('NOMINATION_CHANGED') end
  redis.call('HDEL', KEYS[2], ARGV[2])
  redis.call('HDEL', KEYS[3], ARGV[3])
  redis.call('HINCRBY', KEYS[1], 'v', 1)
  return 'OK'
elseif op == 'draw' then
  if redis.call('HGET', KEYS[1], 'v') ~= ARGV[2] then
    return redis.error_reply('NOMINATIONS_CHANGED')
  end
  redis.call('HSET', KEYS[1], 'st', 'D', 'dr', ARGV[3])
  local fields = {'seed', ARGV[7], 'seed_sha256', ARGV[8], 'nominations_version', ARGV[2],
                  'members', ARGV[9], 'panel_index', ARGV[10]}
  if ARGV[11] then
    for _, f in ipairs({'uniform_panels', ARGV[11], 'panel_number', ARGV[12],
                        'number_from', ARGV[13], 'uniform_panels_sha256', ARGV[14]}) do
      fields[#fields + 1] = f
    end
  end
  audit_append(KEYS[4], ARGV[5], ARGV[4], 'composition.body.draw', ARGV[6], fields)
  return 'OK'
end
return redis.error_reply('UNKNOWN_OP ' .. op)
