-- draw.lua: opens the line. The pre-queue's tickets, in the order the app drew (a secure shuffle), get
-- places 1..n; anyone who joined the pre-queue while the app was drawing comes after them. From then on
-- joins are numbered first come first served. Does nothing if the line is open already.
-- KEYS  1..10 the line
-- ARGV  1 key ttl (ms)  2.. the pre-queue's tickets in drawn order
-- Returns the number of places drawn, or -1 if the line was open already.
if redis.call('EXISTS', KEYS[OPENED]) == 1 then
  return -1
end
local keyTtl = tonumber(ARGV[1])
local number = tonumber(redis.call('GET', KEYS[SEQ]) or '0')
local function place(ticket)
  number = number + 1
  redis.call('HSET', ticketKey(ticket), 'number', number)
end
for i = 2, #ARGV do
  if redis.call('SREM', KEYS[PRE], ARGV[i]) == 1 then
    place(ARGV[i])
  end
end
for _, late in ipairs(redis.call('SMEMBERS', KEYS[PRE])) do
  place(late)
end
redis.call('DEL', KEYS[PRE])
redis.call('SET', KEYS[SEQ], number)
redis.call('SET', KEYS[OPENED], '1')
for i = 1, 10 do
  keepFor(KEYS[i], keyTtl)
end
return number
