-- leave.lua: the user gives their place up. A numbered place is passed over when its turn comes; a
-- pre-queue place simply leaves the draw; a claimed token is revoked (its id key is deleted, so the
-- hold script refuses it from now on).
-- KEYS  1..10 the line  11 queue:{evt}:t:<ticket>
-- ARGV  1 user  2 ticket
-- Returns 1 if the place is (now) given up, 0 if the user has no such place.
local place = redis.call('HMGET', KEYS[11], 'user', 'number', 'left', 'jti')
if not place[1] or place[1] ~= ARGV[1] then
  return 0
end
if place[3] == '1' then
  return 1
end
redis.call('HSET', KEYS[11], 'left', '1')
if place[2] then
  redis.call('SADD', KEYS[LEFT], place[2])
  redis.call('ZREM', KEYS[UNCLAIMED], place[2])
  redis.call('ZREM', KEYS[CLAIMED], place[2])
  keepFor(KEYS[LEFT], redis.call('PTTL', KEYS[11]))
else
  redis.call('SREM', KEYS[PRE], ARGV[2])
end
if place[4] then
  redis.call('DEL', 'queue:' .. tag .. ':jti:' .. place[4])
end
if redis.call('HGET', KEYS[USERS], ARGV[1]) == ARGV[2] then
  redis.call('HDEL', KEYS[USERS], ARGV[1])
end
return 1
