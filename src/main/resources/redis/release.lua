-- release.lua: the owner gives a live hold back; its seats become free.
-- KEYS  1 sold:{evt}  2 ver:{evt}  3 changes:{evt}  4 holdexp:{evt}  5 holdrec:{evt}:<holdId>
-- ARGV  1 evt  2 holdId  3 user  4 stream max length
--       5 '1' if the release comes from the hold's booking, which may end a hold it extended
-- A hold is live while Redis's TIME (see lib.lua) is before its expiresAt.
-- Returns {'ok', version}    released (version 0 if no seat changed state)
--         {'not_found'}      no live hold with this id belongs to this user; nothing changed
--         {'in_booking'}     a booking extended this hold to pay for it and only the booking may end it;
--                            nothing changed
-- Only hold keys that still name this hold are deleted.
local tag = '{' .. ARGV[1] .. '}'
local holdId, user, maxLength, byBooking = ARGV[2], ARGV[3], ARGV[4], ARGV[5] == '1'
local now = nowMillis()

local record = redis.call('HMGET', KEYS[5], 'user', 'seats', 'expiresAt', 'extended')
if not record[1] or record[1] ~= user or tonumber(record[3]) <= now then
  return {'not_found'}
end
if record[4] == '1' and not byBooking then
  return {'in_booking'}
end
local changes = {}
freeSeats(tag, holdId, record[2], KEYS[1], changes)
dropHold(tag, holdId, user, KEYS[4])
return {'ok', publish(KEYS[2], KEYS[3], maxLength, 'release', changes)}
