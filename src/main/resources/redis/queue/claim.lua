-- claim.lua: turns an admitted place into an admission token. The app signs a token with a fresh id (jti)
-- first; the place keeps the first token it was given, so claiming again answers that same token.
-- KEYS  1..10 the line  11 queue:{evt}:t:<ticket>  12 queue:{evt}:jti:<new jti>
-- ARGV  1 user  2 jti  3 token  4 expiresAt (as in the token)  5 token lifetime (ms)
-- Returns {'ok', token, expiresAt, issued (1 new, 0 the one claimed before), waited ms (join to admission)}
--         {'not_found'}     no such place of this user (or they left)
--         {'not_admitted'}  still waiting
--         {'expired'}       the claim window, or the claimed token's lifetime, is over
local place = redis.call('HMGET', KEYS[11], 'user', 'number', 'left', 'token', 'expiresAt', 'joinedAt')
if not place[1] or place[1] ~= ARGV[1] or place[3] == '1' then
  return {'not_found'}
end
local served = tonumber(redis.call('GET', KEYS[SERVED]) or '0')
if not place[2] or tonumber(place[2]) > served then
  return {'not_admitted'}
end
local number = tonumber(place[2])
local nowMs = math.floor(nowMicros() / 1000)
if place[4] then
  if tonumber(redis.call('ZSCORE', KEYS[CLAIMED], number) or '0') > nowMs then
    return {'ok', place[4], place[5], 0, 0}
  end
  return {'expired'}
end
local deadline = redis.call('ZSCORE', KEYS[UNCLAIMED], number)
if not deadline or tonumber(deadline) <= nowMs then
  return {'expired'}
end
local ttl = tonumber(ARGV[5])
redis.call('HSET', KEYS[11], 'token', ARGV[3], 'expiresAt', ARGV[4], 'jti', ARGV[2])
redis.call('SET', KEYS[12], ARGV[1], 'PX', ttl)
redis.call('ZREM', KEYS[UNCLAIMED], number)
redis.call('ZADD', KEYS[CLAIMED], nowMs + ttl, number)
expireNew(KEYS[CLAIMED], ttl)
local waited = 0
local admit = redis.call('ZRANGEBYSCORE', KEYS[ADMITS], number, '+inf', 'LIMIT', 0, 1)[1]
if admit and place[6] then
  waited = math.max(0, tonumber(string.match(admit, ':(%d+)$')) - tonumber(place[6]))
end
return {'ok', ARGV[3], ARGV[4], 1, waited}
