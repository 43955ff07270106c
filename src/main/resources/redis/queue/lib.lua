-- Shared by the waiting-room scripts: QueueScripts puts this file in front of each of them. Every script
-- declares the event's line keys first, in this order (QueueKeys.line), then its own:
-- KEYS 1 seq  2 served  3 left  4 bucket  5 admits  6 unclaimed  7 claimed  8 opened  9 pre  10 users
-- Time is Redis's own (TIME), so every instance ticks and judges deadlines against one clock.
redis.replicate_commands()
local SEQ, SERVED, LEFT, BUCKET, ADMITS, UNCLAIMED, CLAIMED, OPENED, PRE, USERS = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
local tag = string.match(KEYS[1], '{.-}')

local function nowMicros()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000000 + tonumber(time[2])
end

local function ticketKey(ticket)
  return 'queue:' .. tag .. ':t:' .. ticket
end

-- Sets a key's time to live to at least ttl ms (Redis 6.2 has no PEXPIRE GT). A missing key is left missing.
local function keepFor(key, ttl)
  if redis.call('PTTL', key) < ttl then
    redis.call('PEXPIRE', key, ttl)
  end
end

-- Gives a key that has none the queue's time to live (a key a tick just created).
local function expireNew(key, ttl)
  if redis.call('PTTL', key) == -1 then
    redis.call('PEXPIRE', key, ttl)
  end
end

-- A place is live while its holder has not left and it waits, or was admitted and is within its claim window
-- or its token's lifetime.
local function isLive(ticket, nowMs)
  local place = redis.call('HMGET', ticketKey(ticket), 'user', 'number', 'left')
  if not place[1] or place[3] == '1' then
    return false
  end
  if not place[2] then
    return redis.call('SISMEMBER', KEYS[PRE], ticket) == 1
  end
  local number = tonumber(place[2])
  if number > tonumber(redis.call('GET', KEYS[SERVED]) or '0') then
    return true
  end
  local untilMs = redis.call('ZSCORE', KEYS[UNCLAIMED], number) or redis.call('ZSCORE', KEYS[CLAIMED], number) or '0'
  return tonumber(untilMs) > nowMs
end

-- One step of the admission token bucket: refills it for the time since the last step (at rate admits per
-- second, already scaled by checkout pressure, never above burst), then moves "now serving" past as many
-- places as it allows (and the cap on active buyers, 0 = none). Places whose holder left are passed over
-- without using an admission (at most maxSkips per step). Extra steps in the same instant admit nothing more.
-- Returns {admitted, skipped, served, seq, expiredUnclaimed, active}.
local function admit(rate, burst, maxActive, claimWindowMs, maxSkips, keyTtl)
  local now = nowMicros()
  local nowMs = math.floor(now / 1000)
  local expired = redis.call('ZREMRANGEBYSCORE', KEYS[UNCLAIMED], '-inf', nowMs)
  redis.call('ZREMRANGEBYSCORE', KEYS[CLAIMED], '-inf', nowMs)
  local seq = tonumber(redis.call('GET', KEYS[SEQ]) or '0')
  local served = tonumber(redis.call('GET', KEYS[SERVED]) or '0')
  local bucket = redis.call('HMGET', KEYS[BUCKET], 'tokens', 'at')
  local tokens, at = tonumber(bucket[1]), tonumber(bucket[2])
  if not tokens or not at then
    tokens, at = burst, now
  elseif now > at then
    tokens = tokens + (now - at) * rate / 1000000
    at = now
  end
  tokens = math.min(tokens, burst)
  local room = math.floor(tokens)
  local active = redis.call('ZCARD', KEYS[UNCLAIMED]) + redis.call('ZCARD', KEYS[CLAIMED])
  if maxActive > 0 then
    room = math.min(room, math.max(0, maxActive - active))
  end
  local admitted, skipped = 0, 0
  while served < seq and admitted < room and skipped < maxSkips do
    served = served + 1
    if redis.call('SISMEMBER', KEYS[LEFT], served) == 1 then
      skipped = skipped + 1
    else
      admitted = admitted + 1
      redis.call('ZADD', KEYS[UNCLAIMED], nowMs + claimWindowMs, served)
    end
  end
  if admitted + skipped > 0 then
    redis.call('SET', KEYS[SERVED], served, 'KEEPTTL')
    redis.call('ZADD', KEYS[ADMITS], served, served .. ':' .. nowMs)
    for _, key in ipairs({KEYS[SERVED], KEYS[ADMITS], KEYS[UNCLAIMED]}) do
      expireNew(key, keyTtl)
    end
  end
  redis.call('HSET', KEYS[BUCKET], 'tokens', string.format('%.6f', tokens - admitted), 'at', string.format('%.0f', at))
  expireNew(KEYS[BUCKET], keyTtl)
  return {admitted, skipped, served, seq, expired, active + admitted}
end

-- ---------------------------------------------------------------------------------------------------
