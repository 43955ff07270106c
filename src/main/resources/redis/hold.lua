-- hold.lua: holds every requested seat of one event for one user, or none of them.
-- KEYS  1 sold:{evt}  2 ver:{evt}  3 changes:{evt}  4 holdexp:{evt}  5 holdrec:{evt}:<holdId>
--       6 userholds:{evt}:<user>  7 queue:{evt}:jti:<jti>, the admission key (see ARGV 8)
--       8.. hold:{evt}:<seatId>, one per seat, in the order of ARGV 9..
-- ARGV  1 evt  2 holdId  3 user  4 ttl (ms)  5 record grace (ms)  6 max seats per user per event
--       7 stream max length  8 '1' if the event is queued: KEYS[7] must exist and name the user (a revoked
--       or expired admission is gone)  9.. seat ids (distinct)
-- Returns {'ok', version, expiresAt}   held until expiresAt (ms of Redis's TIME, now + ttl); one stream
--                                      entry with every seat 'held'
--         {'no_admission'}             the event is queued and the admission is not (any longer) valid
--         {'not_loaded'}               sold:{evt} is not loaded: load it from Postgres and call again
--         {'unavailable', seatId...}   these seats are sold or held by a live hold; nothing was held
--         {'limit', seatsHeldNow}      the user's live holds plus this one would pass the cap
-- A hold is live while now < expiresAt, now being Redis's TIME (see lib.lua); a hold key whose hold has
-- passed its expiry (not yet swept) does not block the seat.
local tag = '{' .. ARGV[1] .. '}'
local holdId, user = ARGV[2], ARGV[3]
local ttl, grace = tonumber(ARGV[4]), tonumber(ARGV[5])
local maxPerUser, maxLength = tonumber(ARGV[6]), ARGV[7]
local FIRST_SEAT, FIRST_SEAT_KEY = 9, 8
local seatCount = #ARGV - FIRST_SEAT + 1
local now = nowMillis()

-- Checked here rather than only in the app, so a token revoked a moment ago cannot still hold seats.
if ARGV[8] == '1' and redis.call('GET', KEYS[7]) ~= user then
  return {'no_admission'}
end

if redis.call('SISMEMBER', KEYS[1], LOADED) == 0 then
  return {'not_loaded'}
end

local function liveExpiry(someHoldId)
  local expiresAt = redis.call('HGET', 'holdrec:' .. tag .. ':' .. someHoldId, 'expiresAt')
  if expiresAt and tonumber(expiresAt) > now then
    return tonumber(expiresAt)
  end
  return nil
end

local unavailable = {'unavailable'}
for i = 0, seatCount - 1 do
  local seat = ARGV[FIRST_SEAT + i]
  if redis.call('SISMEMBER', KEYS[1], seat) == 1 then
    unavailable[#unavailable + 1] = seat
  else
    local holder = redis.call('GET', KEYS[FIRST_SEAT_KEY + i])
    if holder and liveExpiry(holder) then
      unavailable[#unavailable + 1] = seat
    end
  end
end
if #unavailable > 1 then
  return unavailable
end

-- The user's held seats, counted from their live hold records; ended holds drop out of the set here
-- even before the sweeper gets to them, so the cap is right the moment a hold expires.
local held = 0
for _, other in ipairs(redis.call('SMEMBERS', KEYS[6])) do
  local record = redis.call('HMGET', 'holdrec:' .. tag .. ':' .. other, 'expiresAt', 'count')
  if record[1] and tonumber(record[1]) > now then
    held = held + tonumber(record[2])
  else
    redis.call('SREM', KEYS[6], other)
  end
end
if held + seatCount > maxPerUser then
  return {'limit', held}
end

local expiresAt = now + ttl
local seats, changes = {}, {}
for i = 0, seatCount - 1 do
  local seat = ARGV[FIRST_SEAT + i]
  redis.call('SET', KEYS[FIRST_SEAT_KEY + i], holdId, 'PX', ttl)
  seats[#seats + 1] = seat
  changes[#changes + 1] = {seat, 'held'}
end
redis.call('HSET', KEYS[5], 'user', user, 'seats', table.concat(seats, ','), 'count', seatCount,
  'expiresAt', expiresAt, 'createdAt', now, 'extended', 0)
redis.call('PEXPIRE', KEYS[5], ttl + grace)
redis.call('ZADD', KEYS[4], expiresAt, holdId)
redis.call('SADD', KEYS[6], holdId)
keepAtLeast(KEYS[6], ttl + grace)
local version = publish(KEYS[2], KEYS[3], maxLength, 'hold', changes)
return {'ok', version, expiresAt}
