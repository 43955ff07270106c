-- unextend.lua: hands a hold a booking had extended back to its owner, after that booking could not be written.
-- The owner may release it again; the expiry stays where the extension put it (they can retry the booking or
-- release the seats, rather than watch them sit blocked for the whole payment window).
-- KEYS  1 holdrec:{evt}:<holdId>
-- Returns 1 if the hold was extended and now is not, 0 if there was nothing to undo (no record, or not extended).
if redis.call('HGET', KEYS[1], 'extended') == '1' then
  redis.call('HSET', KEYS[1], 'extended', 0)
  return 1
end
return 0
