-- wrk: a fixed arrival rate. wrk asks delay() when a connection is ready to send its next request; a fixed pause
-- per connection (the obvious way) adds each response's latency to the cycle, so the achieved rate falls short of
-- the one asked for, the more so the slower the service: a closed loop with think time, not an arrival rate.
-- Here each call takes the next free slot of one schedule shared by the thread's connections, RATE slots per second,
-- so requests start at the asked rate while enough connections are free (at 60% load they are).
-- Use (with wrk -t1; each thread keeps its own schedule):
--   local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
--   delay = dofile(here .. "pacing.lua").delay(rate)
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } boxoffice_timespec;
int clock_gettime(int clock_id, boxoffice_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local now = ffi.new("boxoffice_timespec")

local function millis()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, now)
  return tonumber(now.tv_sec) * 1000 + tonumber(now.tv_nsec) / 1e6
end

local pacing = {}

function pacing.delay(rate)
  local interval, nextSlot = 1000 / rate, 0
  return function()
    local current = millis()
    -- A slot missed (every connection was busy) is not made up later in a burst.
    if nextSlot < current then nextSlot = current end
    local wait = nextSlot - current
    nextSlot = nextSlot + interval
    return math.floor(wait)
  end
end

return pacing
