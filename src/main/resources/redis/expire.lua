-- expire.lua: ends the holds of one event whose expiry has passed, at most a batch of them per call.
-- Idempotent: a hold that is already gone, or was extended, is skipped, so the sweeper, a keyspace
-- notification and a retry may all call it for the same hold.
-- KEYS  1 sold:{evt}  2 ver:{evt}  3 changes:{evt}  4 holdexp:{evt}
-- ARGV  1 evt  2 batch size  3 stream max length
-- A hold is due when its expiresAt is not after now, Redis's TIME (see lib.lua), whatever the caller's clock.
-- Returns {expiredHolds, nextExpiry, version}: nextExpiry is the earliest expiry still indexed (ms) or
-- -1 when none is left; version is 0 when no seat changed state. All the seats freed by one call go
-- into one stream entry.
local tag = '{' .. ARGV[1] .. '}'
local batch, maxLength = tonumber(ARGV[2]), ARGV[3]
local now = nowMillis()

local expired, changes = 0, {}
for _, holdId in ipairs(redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now, 'LIMIT', 0, batch)) do
  local record = redis.call('HMGET', 'holdrec:' .. tag .. ':' .. holdId, 'user', 'seats', 'expiresAt')
  if not record[1] then
    -- Released or sold already (or its record outlived its grace): nothing left to free.
    redis.call('ZREM', KEYS[4], holdId)
  elseif tonumber(record[3]) > now then
    redis.call('ZADD', KEYS[4], record[3], holdId)
  else
    freeSeats(tag, holdId, record[2], KEYS[1], changes)
    dropHold(tag, holdId, record[1], KEYS[4])
    expired = expired + 1
  end
end
local version = publish(KEYS[2], KEYS[3], maxLength, 'expire', changes)
local first = redis.call('ZRANGE', KEYS[4], 0, 0, 'WITHSCORES')
local nextExpiry = -1
if first[2] then
  nextExpiry = tonumber(first[2])
end
return {expired, nextExpiry, version}
