-- snapshot.lua: the seat state of one event as its change stream tells it, at one version.
-- Read-only. A seat counts as held while a hold record in the expiry index still names it and the
-- stream has not said otherwise: its key names that hold, or has expired on its own and the expire
-- script has not freed it yet (exactly what the stream says until then).
-- KEYS  1 sold:{evt}  2 ver:{evt}  3 changes:{evt}  4 holdexp:{evt}
-- ARGV  1 evt
-- Returns {'ok', version, lastStreamId, {held...}, {sold...}}  lastStreamId is '0-0' for an empty stream
--         {'not_loaded'}                                         load sold:{evt} from Postgres and call again
local tag = '{' .. ARGV[1] .. '}'
if redis.call('SISMEMBER', KEYS[1], LOADED) == 0 then
  return {'not_loaded'}
end
local version = tonumber(redis.call('GET', KEYS[2]) or '0')
local last = redis.call('XREVRANGE', KEYS[3], '+', '-', 'COUNT', 1)
local lastId = '0-0'
if last[1] then
  lastId = last[1][1]
end
local sold = {}
for _, seat in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if seat ~= LOADED then
    sold[#sold + 1] = seat
  end
end
local held = {}
for _, holdId in ipairs(redis.call('ZRANGE', KEYS[4], 0, -1)) do
  local seats = redis.call('HGET', 'holdrec:' .. tag .. ':' .. holdId, 'seats')
  if seats then
    for seat in string.gmatch(seats, '[^,]+') do
      local holder = redis.call('GET', 'hold:' .. tag .. ':' .. seat)
      if (holder == holdId or not holder) and redis.call('SISMEMBER', KEYS[1], seat) == 0 then
        held[#held + 1] = seat
      end
    end
  end
end
return {'ok', version, lastId, held, sold}
