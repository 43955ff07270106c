-- status.lua: everything needed to tell one place's state, position and wait.
-- KEYS  1..10 the line  11 queue:{evt}:t:<ticket>
-- Returns {user, number or '', left ('1'/''), served, seq, preQueued, token or '', expiresAt or '',
--          until (claim deadline or token expiry, ms, or ''), admittedAt (ms or ''), now (ms), opened ('1'/'')}
-- user is '' when there is no such ticket.
local place = redis.call('HMGET', KEYS[11], 'user', 'number', 'left', 'token', 'expiresAt')
local nowMs = math.floor(nowMicros() / 1000)
local served = tonumber(redis.call('GET', KEYS[SERVED]) or '0')
local untilMs, admittedAt = '', ''
if place[2] and tonumber(place[2]) <= served then
  local number = tonumber(place[2])
  untilMs = redis.call('ZSCORE', KEYS[UNCLAIMED], number) or redis.call('ZSCORE', KEYS[CLAIMED], number) or ''
  local admit = redis.call('ZRANGEBYSCORE', KEYS[ADMITS], number, '+inf', 'LIMIT', 0, 1)[1]
  if admit then
    admittedAt = string.match(admit, ':(%d+)$')
  end
end
return {place[1] or '', place[2] or '', place[3] or '', served, tonumber(redis.call('GET', KEYS[SEQ]) or '0'),
  redis.call('SCARD', KEYS[PRE]), place[4] or '', place[5] or '', untilMs, admittedAt, nowMs,
  redis.call('EXISTS', KEYS[OPENED]) == 1 and '1' or ''}
