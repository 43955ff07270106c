-- join.lua: the user's place in the event's line: their live place if they have one, else a new one.
-- KEYS  1..10 the line (see lib)  11 queue:{evt}:t:<new ticket>
-- ARGV  1 user  2 new ticket  3 phase: 'pre' (before opening) or 'open'  4 '1' to admit at once if the
--       bucket has room (mode AUTO)  5 rate  6 burst  7 max active  8 claim window (ms)  9 max skips
--       10 key ttl (ms)
-- Returns {'existing', ticket}   the user already has a live place
--         {'joined', ticket}     a new place: numbered (first come first served) once the pre-queue has
--                                been drawn, else in the pre-queue
--         {'not_open'}           it is past opening but the pre-queue is not drawn yet: draw, then call again
local user, ticket = ARGV[1], ARGV[2]
local keyTtl = tonumber(ARGV[10])
local nowMs = math.floor(nowMicros() / 1000)
local existing = redis.call('HGET', KEYS[USERS], user)
if existing and isLive(existing, nowMs) then
  return {'existing', existing}
end
local opened = redis.call('EXISTS', KEYS[OPENED]) == 1
if ARGV[3] == 'open' and not opened then
  return {'not_open'}
end
if opened then
  local number = redis.call('INCR', KEYS[SEQ])
  redis.call('HSET', KEYS[11], 'user', user, 'number', number, 'joinedAt', nowMs)
else
  redis.call('SADD', KEYS[PRE], ticket)
  redis.call('HSET', KEYS[11], 'user', user, 'joinedAt', nowMs)
end
redis.call('HSET', KEYS[USERS], user, ticket)
for i = 1, 11 do
  keepFor(KEYS[i], keyTtl)
end
if opened and ARGV[4] == '1' then
  admit(tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9]), keyTtl)
end
return {'joined', ticket}
