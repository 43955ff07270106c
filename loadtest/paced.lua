-- wrk with pacing: each connection waits so that all connections together send about RATE requests per second
-- (a fixed arrival rate while responses are much faster than the pacing interval, as at 60% load).
-- Usage: RATE=4000 PATHS=/api/time wrk -t1 -c64 -d30s --latency -s loadtest/paced.lua http://localhost:8080
local rate = tonumber(os.getenv("RATE") or "1000")
local connections = tonumber(os.getenv("CONNECTIONS") or "64")
local path = os.getenv("PATH_UNDER_TEST") or "/api/time"
local hot = tonumber(os.getenv("HOT_EVENTS") or "0")
local counter = 0

delay = function()
  return connections * 1000 / rate
end

request = function()
  counter = counter + 1
  if hot > 0 then
    return wrk.format("GET", "/api/events/" .. (counter % hot + 1))
  end
  return wrk.format("GET", path)
end
