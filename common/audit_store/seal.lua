-- Stores the seals of consecutive entries with a compare-and-set, so that several sealers
-- (one per replica) never disagree: the hashes are deterministic, a seal is only appended
-- right after the last one, and a seal already stored is compared, never overwritten.
-- KEYS[1] the log (list of entries), KEYS[2] its seals (list of hex hashes, index n-1 for n).
-- ARGV: first seq, then the hex hashes of seq, seq+1, ...
-- Returns the number of seals now stored; refuses with SEAL_GAP (the first seq is past the
-- next one to seal), SEAL_CONFLICT <seq> (a stored seal differs: the log or a sealer is wrong)
-- or SEAL_AHEAD (more seals than entries).
local first = tonumber(ARGV[1])
local sealed = redis.call('LLEN', KEYS[2])
if first > sealed + 1 then return redis.error_reply('SEAL_GAP ' .. sealed) end
if first + #ARGV - 2 > redis.call('LLEN', KEYS[1]) then return redis.error_reply('SEAL_AHEAD') end
for i = 2, #ARGV do
  local seq = first + i - 2
  if seq <= sealed then
    if redis.call('LINDEX', KEYS[2], seq - 1) ~= ARGV[i] then
      return redis.error_reply('SEAL_CONFLICT ' .. seq)
    end
  else
    redis.call('RPUSH', KEYS[2], ARGV[i])
    sealed = seq
  end
end
return sealed
