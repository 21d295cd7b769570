-- Refills a caller's token bucket for the time since its last call and takes one token, in
-- one step so that concurrent writes of one caller (on any replica) never both spend the last
-- token.
-- KEYS[1] the bucket, a hash: t (tokens, fractional), ms (time of the last refill)
-- ARGV[1] now (unix ms, from the service's clock)  ARGV[2] tokens per second  ARGV[3] burst
-- Returns {1, 0} when a token was taken, {0, ms until the next token} when none was left.
local now, rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local b = redis.call('HMGET', KEYS[1], 't', 'ms')
local tokens, last = tonumber(b[1]), tonumber(b[2])
if tokens == nil or last == nil then
  tokens, last = burst, now
end
-- A replica whose clock lags another's credits nothing and never moves the bucket back in
-- time, so clock skew between replicas cannot mint tokens.
if now > last then
  tokens = math.min(burst, tokens + (now - last) * rate / 1000)
  last = now
end
local taken = 0
if tokens >= 1 then
  tokens = tokens - 1
  taken = 1
end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'ms', tostring(last))
-- An idle bucket is full again after burst / rate seconds, and a full bucket is what a missing
-- key means: past that it may vanish.
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
if taken == 1 then return {1, 0} end
return {0, math.ceil((1 - tokens) * 1000 / rate)}
