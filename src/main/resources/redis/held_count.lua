-- held_count.lua: how many seats of one event are held, counted exactly as snapshot.lua lists them
-- (so the event view's count and the live seat map agree). Read-only; one pass over the event's live
-- hold records, so it costs O(held seats): callers cache the answer (the event view for a second).
-- KEYS  1 sold:{evt}  2 holdexp:{evt}
-- ARGV  1 evt
-- Returns the number of distinct held seats.
local tag = '{' .. ARGV[1] .. '}'
local seen, count = {}, 0
for _, holdId in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  local seats = redis.call('HGET', 'holdrec:' .. tag .. ':' .. holdId, 'seats')
  if seats then
    for seat in string.gmatch(seats, '[^,]+') do
      if not seen[seat] then
        local holder = redis.call('GET', 'hold:' .. tag .. ':' .. seat)
        if (holder == holdId or not holder) and redis.call('SISMEMBER', KEYS[1], seat) == 0 then
          seen[seat] = true
          count = count + 1
        end
      end
    end
  end
end
return count
