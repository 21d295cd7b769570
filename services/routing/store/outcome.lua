-- RegisterOutcome: stores an outcome document only if the one under its id still belongs to
-- the process the caller's right to write it was checked against (a registration for
-- another process may have got in between the check and this write).
-- KEYS[1] the outcome's key. ARGV[1] the record (JSON), ARGV[2] the process name the stored
-- outcome was seen with ('' = nothing stored). Returns 'OK' once written; refuses with
-- OUTCOME_CHANGED when the stored outcome's process is not ARGV[2]. Appends the change-feed
-- event (event_append.lua).
-- @include services/routing/store/event_append.lua
local current = redis.call('GET', KEYS[1])
local stored = ''
if current then
  local ok, doc = pcall(cjson.decode, current)
  -- A record that does not decode belongs to no process a caller could name.
  stored = '?'
  if ok and type(doc) == 'table' and type(doc.process) == 'string' then stored = doc.process end
end
if stored ~= ARGV[2] then return redis.error_reply('OUTCOME_CHANGED') end
redis.call('SET', KEYS[1], ARGV[1])
local ok, doc = pcall(cjson.decode, ARGV[1])
local process = ''
if ok and type(doc) == 'table' and type(doc.process) == 'string' then
  process = string.gsub(doc.process, '^processes/', '')
end
event_append('outcome.registered', {'o', string.sub(KEYS[1], string.len('{rt}:out:') + 1),
                                    'p', process})
return 'OK'
