-- unsell.lua: a sale was cancelled or refunded (its ticket rows deleted in Postgres): the seats leave
-- sold:{evt} and are free again. Idempotent: seats not in the sold set are not reported.
-- KEYS  1 sold:{evt}  2 ver:{evt}  3 changes:{evt}
-- ARGV  1 evt  2 stream max length  3.. seat ids
-- Returns {'ok', version}   (version 0 when nothing changed)
--         {'not_loaded'}    sold:{evt} is not loaded: load it from Postgres and call again
local maxLength = ARGV[2]

if redis.call('SISMEMBER', KEYS[1], LOADED) == 0 then
  return {'not_loaded'}
end
local changes = {}
for i = 3, #ARGV do
  if redis.call('SREM', KEYS[1], ARGV[i]) == 1 then
    changes[#changes + 1] = {ARGV[i], 'free'}
  end
end
return {'ok', publish(KEYS[2], KEYS[3], maxLength, 'unsell', changes)}
