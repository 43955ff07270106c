-- find.lua: a hold's record, while the hold is live by Redis's TIME (see lib.lua), the clock the other scripts
-- judge it by, so that what a read answers agrees with what a write would do whatever the caller's clock says.
-- Read-only.
-- KEYS  1 holdrec:{evt}:<holdId>
-- Returns the record as HGETALL answers it (field, value, ...); empty if there is none or the hold has expired.
local record = redis.call('HGETALL', KEYS[1])
local now = nowMillis()
for i = 1, #record, 2 do
  if record[i] == 'expiresAt' and tonumber(record[i + 1]) > now then
    return record
  end
end
return {}
