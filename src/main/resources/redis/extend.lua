-- extend.lua: extends a live hold once, to cover the payment window. A second call changes nothing and
-- answers the expiry the first one set, so a retried booking cannot keep pushing a hold out.
-- KEYS  1 holdexp:{evt}  2 holdrec:{evt}:<holdId>
-- ARGV  1 evt  2 holdId  3 window (ms): the hold is extended to now + window, never shortened
--       4 record grace (ms)
-- now is Redis's TIME (see lib.lua).
-- Returns {'ok', expiresAt, extendedNow (1|0)}   expiresAt in ms of Redis's TIME
--         {'not_found'}           no live hold with this id
--         {'lost', seatId...}     these seats are no longer this hold's (sold, or taken after Redis lost
--                                 the hold key); nothing changed
-- Seat states do not change, so no version and no stream entry.
local tag = '{' .. ARGV[1] .. '}'
local holdId, window, grace = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local now = nowMillis()

local record = redis.call('HMGET', KEYS[2], 'user', 'seats', 'expiresAt', 'extended')
if not record[1] or tonumber(record[3]) <= now then
  return {'not_found'}
end
if record[4] == '1' then
  return {'ok', tonumber(record[3]), 0}
end
local soldKey = 'sold:' .. tag
local lost, missing = {'lost'}, {}
for seat in string.gmatch(record[2], '[^,]+') do
  local holder = redis.call('GET', 'hold:' .. tag .. ':' .. seat)
  if redis.call('SISMEMBER', soldKey, seat) == 1 or (holder and holder ~= holdId) then
    lost[#lost + 1] = seat
  elseif not holder then
    missing[#missing + 1] = seat
  end
end
if #lost > 1 then
  return lost
end
local expiresAt = math.max(tonumber(record[3]), now + window)
local ttl = expiresAt - now
for seat in string.gmatch(record[2], '[^,]+') do
  -- A key Redis lost (evicted under memory pressure, or lost in a failover) is put back: the seat was never
  -- reported free, because the hold's record was still here.
  redis.call('SET', 'hold:' .. tag .. ':' .. seat, holdId, 'PX', ttl)
end
-- The expiry before the extension, so that unextend.lua can put it back.
redis.call('HSET', KEYS[2], 'expiresAt', expiresAt, 'extended', 1, 'expiresBefore', record[3])
redis.call('PEXPIRE', KEYS[2], ttl + grace)
redis.call('ZADD', KEYS[1], expiresAt, holdId)
keepAtLeast('userholds:' .. tag .. ':' .. record[1], ttl + grace)
return {'ok', expiresAt, 1}
