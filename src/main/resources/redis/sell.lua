-- sell.lua: seats were sold (their ticket rows committed in Postgres): they join sold:{evt}, leave hold
-- state whoever held them, and the hold they were sold from ends (any of its seats not sold are freed).
-- Idempotent: seats already in the sold set are not reported again.
-- KEYS  1 sold:{evt}  2 ver:{evt}  3 changes:{evt}  4 holdexp:{evt}
-- ARGV  1 evt  2 holdId ('' when the sale had no hold)  3 stream max length  4.. seat ids
-- Returns {'ok', version}   (version 0 when nothing changed)
--         {'not_loaded'}    sold:{evt} is not loaded: load it from Postgres and call again
local tag = '{' .. ARGV[1] .. '}'
local holdId, maxLength = ARGV[2], ARGV[3]

if redis.call('SISMEMBER', KEYS[1], LOADED) == 0 then
  return {'not_loaded'}
end
local changes = {}
for i = 4, #ARGV do
  local seat = ARGV[i]
  if redis.call('SADD', KEYS[1], seat) == 1 then
    changes[#changes + 1] = {seat, 'sold'}
  end
  redis.call('DEL', 'hold:' .. tag .. ':' .. seat)
end
if holdId ~= '' then
  local record = redis.call('HMGET', 'holdrec:' .. tag .. ':' .. holdId, 'user', 'seats')
  if record[1] then
    freeSeats(tag, holdId, record[2], KEYS[1], changes)
  end
  dropHold(tag, holdId, record[1], KEYS[4])
end
return {'ok', publish(KEYS[2], KEYS[3], maxLength, 'sell', changes)}
