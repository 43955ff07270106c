-- tick.lua: one step of the event's admission bucket (see admit in lib). Any instance may call it at any
-- time: the bucket is refilled by Redis's clock, so extra calls admit nothing extra.
-- KEYS  1..10 the line
-- ARGV  1 rate  2 burst  3 max active (0 = none)  4 claim window (ms)  5 max skips  6 key ttl (ms)
-- Returns {'not_open', preQueued}   the pre-queue is not drawn yet
--         {'ok', admitted, skipped, served, seq, expiredUnclaimed, active}
if redis.call('EXISTS', KEYS[OPENED]) == 0 then
  return {'not_open', redis.call('SCARD', KEYS[PRE])}
end
local result = admit(tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]),
  tonumber(ARGV[6]))
return {'ok', result[1], result[2], result[3], result[4], result[5], result[6]}
