-- Shared by the seat-state scripts: HoldScripts puts this file in front of each of them (Redis has no
-- includes). Keys that a script builds itself (hold:{evt}:<seat>, holdrec:{evt}:<holdId>,
-- userholds:{evt}:<user>) carry the same {evt} hash tag as its declared KEYS, so in a Redis Cluster
-- they live on the same slot.
--
-- Time is Redis's own (TIME), read by each script through nowMillis(): every instance then judges a hold's
-- liveness and expiry against one clock, the clock Redis also expires the hold keys by, so instances whose
-- clocks disagree cannot disagree about a hold. Writes after TIME (a non-deterministic command) need scripts to
-- be replicated by their effects, not verbatim: the default since Redis 5 and the only mode in Redis 7. The tests
-- run Redis 6.2 (embedded-redis) or 7 (containers), docker/compose.yaml runs 7; the call below makes it explicit
-- (a no-op on 7), as the waiting room's scripts do.
redis.replicate_commands()

-- Redis's TIME in milliseconds. Once per script: a script runs atomically, so one instant is its "now".
local function nowMillis()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end

-- The member of sold:{evt} that says the set was loaded from Postgres (seat ids are numbers, so it
-- cannot collide). The marker lives inside the set so that the set and its marker vanish together.
local LOADED = 'loaded'

-- Appends one entry to the event's change stream with the next version, if anything changed.
-- changes: list of {seatId, status}. Returns the new version, or 0 when nothing changed.
local function publish(versionKey, changesKey, maxLength, op, changes)
  if #changes == 0 then
    return 0
  end
  local version = redis.call('INCR', versionKey)
  local entry = {'XADD', changesKey, 'MAXLEN', '~', maxLength, '*', 'v', version, 'op', op}
  for _, change in ipairs(changes) do
    entry[#entry + 1] = change[1]
    entry[#entry + 1] = change[2]
  end
  redis.call(unpack(entry))
  return version
end

-- Frees the seats of one hold: deletes each seat's hold key that still names this hold. A seat is
-- reported free if this hold had it, or if its key already expired on its own (the stream has not said
-- so yet), unless it is sold. A seat that another hold has taken since is left alone.
local function freeSeats(tag, holdId, seatsCsv, soldKey, changes)
  for seat in string.gmatch(seatsCsv, '[^,]+') do
    local key = 'hold:' .. tag .. ':' .. seat
    local holder = redis.call('GET', key)
    if holder == holdId then
      redis.call('DEL', key)
    end
    if (holder == holdId or not holder) and redis.call('SISMEMBER', soldKey, seat) == 0 then
      changes[#changes + 1] = {seat, 'free'}
    end
  end
end

-- Forgets a hold: its record, its place in the expiry index and in its user's set of holds.
local function dropHold(tag, holdId, user, expiriesKey)
  redis.call('DEL', 'holdrec:' .. tag .. ':' .. holdId)
  redis.call('ZREM', expiriesKey, holdId)
  if user then
    redis.call('SREM', 'userholds:' .. tag .. ':' .. user, holdId)
  end
end

-- Sets a key's time to live to at least ttl ms (Redis 6.2 has no PEXPIRE GT).
local function keepAtLeast(key, ttl)
  if redis.call('PTTL', key) < ttl then
    redis.call('PEXPIRE', key, ttl)
  end
end

-- ---------------------------------------------------------------------------------------------------
