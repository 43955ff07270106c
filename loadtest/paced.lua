-- wrk at a fixed arrival rate of RATE requests per second (see pacing.lua).
-- Usage: RATE=4000 PATH_UNDER_TEST=/api/time wrk -t1 -c64 -d30s --latency -s loadtest/paced.lua http://localhost:8080
local rate = tonumber(os.getenv("RATE") or "1000")
local path = os.getenv("PATH_UNDER_TEST") or "/api/time"
local hot = tonumber(os.getenv("HOT_EVENTS") or "0")
local counter = 0

delay = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "pacing.lua").delay(rate)

request = function()
  counter = counter + 1
  if hot > 0 then
    return wrk.format("GET", "/api/events/" .. (counter % hot + 1))
  end
  return wrk.format("GET", path)
end
