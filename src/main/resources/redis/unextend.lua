-- unextend.lua: hands a hold a booking had extended back to its owner, after that booking could not be written:
-- the extension is undone, flag and expiry both, so that the hold ends when it would have without the booking
-- (an undone extension that kept its expiry would let a loop of failing bookings keep seats for ever unpaid).
-- KEYS  1 holdexp:{evt}  2 holdrec:{evt}:<holdId>
-- ARGV  1 evt  2 holdId  3 record grace (ms)
-- Returns 1 if the hold was extended and now is not, 0 if there was nothing to undo (no record, or not extended).
-- A restored expiry already past becomes "now" (Redis's TIME, see lib.lua): the expire sweep frees the seats and
-- reports them, as for any hold.
-- Seat states do not change, so no version and no stream entry.
local tag = '{' .. ARGV[1] .. '}'
local holdId, grace = ARGV[2], tonumber(ARGV[3])
local now = nowMillis()

local record = redis.call('HMGET', KEYS[2], 'seats', 'extended', 'expiresBefore')
if record[2] ~= '1' then
  return 0
end
if not record[3] then
  -- Extended by an older version of extend.lua that did not keep the old expiry: only the flag can go.
  redis.call('HSET', KEYS[2], 'extended', 0)
  return 1
end
local expiresAt = math.max(tonumber(record[3]), now + 1)
local ttl = expiresAt - now
for seat in string.gmatch(record[1], '[^,]+') do
  local seatKey = 'hold:' .. tag .. ':' .. seat
  if redis.call('GET', seatKey) == holdId then
    redis.call('PEXPIRE', seatKey, ttl)
  end
end
redis.call('HSET', KEYS[2], 'expiresAt', expiresAt, 'extended', 0)
redis.call('HDEL', KEYS[2], 'expiresBefore')
redis.call('PEXPIRE', KEYS[2], ttl + grace)
redis.call('ZADD', KEYS[1], expiresAt, holdId)
return 1
