-- load_sold.lua: loads sold:{evt} from the event's ticket rows, read from Postgres by the caller.
-- KEYS  1 sold:{evt}
-- ARGV  1 mode: 'missing' loads only if the set is not loaded (a concurrent load may have won);
--               'replace' replaces whatever is there
--       2.. sold seat ids
-- Returns 1 when it loaded the set, 0 when it was already loaded (mode 'missing').
-- Not a seat change: no version, no stream entry.
if ARGV[1] == 'missing' and redis.call('SISMEMBER', KEYS[1], LOADED) == 1 then
  return 0
end
if ARGV[1] == 'replace' then
  redis.call('DEL', KEYS[1])
end
-- In chunks: unpack() is limited to a few thousand values and an arena sells 20,000 seats.
for first = 2, #ARGV, 1000 do
  redis.call('SADD', KEYS[1], unpack(ARGV, first, math.min(first + 999, #ARGV)))
end
redis.call('SADD', KEYS[1], LOADED)
return 1
