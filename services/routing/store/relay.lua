-- Declares or deletes one relay declaration with the state's relay index and the facts
-- version, all or nothing: the cap is checked before the first write of the request, so a
-- refused declaration changes nothing.
-- KEYS[1] relays hash (id -> RelayDeclaration JSON)  KEYS[2] the state's relay-id set
-- KEYS[3] facts version  KEYS[4] the per-state index's built mark
-- ARGV[1] 'declare' | 'delete'  ARGV[2] relay id  ARGV[3] record (declare)
-- ARGV[4] the most relays a state may declare  ARGV[5] prefix of the per-state sets
-- ('{rt}:relays-of:', same hash tag as KEYS)
-- Declarations stored before the per-state sets existed are indexed once, here, from their
-- records' `state` ("states/XX"): index upkeep, not part of the request, so it may precede
-- a refusal.
if redis.call('EXISTS', KEYS[4]) == 0 then
  local all = redis.call('HGETALL', KEYS[1])
  for i = 1, #all, 2 do
    local ok, rec = pcall(cjson.decode, all[i + 1])
    local iso2 = ok and type(rec) == 'table' and type(rec.state) == 'string'
                 and string.match(rec.state, '^states/(%u%u)$')
    if iso2 then redis.call('SADD', ARGV[5] .. iso2, all[i]) end
  end
  redis.call('SET', KEYS[4], '1')
end
if ARGV[1] == 'declare' then
  local n = redis.call('SCARD', KEYS[2])
  if n >= tonumber(ARGV[4]) then return redis.error_reply('TOO_MANY_RELAYS ' .. n) end
  redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
  redis.call('SADD', KEYS[2], ARGV[2])
else
  if redis.call('HDEL', KEYS[1], ARGV[2]) == 0 then
    return redis.error_reply('RELAY_NOT_FOUND ' .. ARGV[2])
  end
  redis.call('SREM', KEYS[2], ARGV[2])
end
return redis.call('INCR', KEYS[3])
