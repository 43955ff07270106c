-- wrk: seat holds on a recycled pool, the lighter generator for loadtest/bench-holds.sh.
-- Each request holds SEATS random seats of one random event of the pool. The pool is recycled in one of two ways:
--   RECYCLE=release  a granted hold is released by a later request (DELETE), so every hold costs two requests;
--   RECYCLE=expire   holds are never released: the app runs with a short hold TTL and seats come free when their
--                    holds expire (for Redis: key expiry, the sweeper and the expire script; for the baseline: the
--                    held_until check), one request per hold, over a pool of several events so few seats are held.
-- wrk does not tell response() which request it answers, so the buyer is derived from the seats (the lowest seat
-- id picks the token): a release finds the owner again from the seats in the response.
-- Env: POOL_FILE (lines "eventId seatId"), TOKENS_FILE (bearer tokens, one per line), SEATS (per hold, default 2),
--      TARGET (redis: /api/holds; pg: the row-locking baseline /bench/pg-holds; annotated: the same hold through an
--      annotated controller; edge / edgefn: the hold's shape without Redis, annotated / functional; the last three
--      are never released), RECYCLE (release | expire),
--      RATE (optional: send RATE requests/s, a fixed arrival rate for the 60% point; see pacing.lua),
--      PREBUILT (how many random hold requests to build before the run and send in turn, default 65536).
local recycle = os.getenv("RECYCLE") or "release"
local seatsPerHold = tonumber(os.getenv("SEATS") or "2")
local target = os.getenv("TARGET") or "redis"
local rate = tonumber(os.getenv("RATE") or "0")

local function lines(path)
  local out = {}
  for line in io.lines(path) do if #line > 0 then out[#out + 1] = line end end
  return out
end

local pool, events, tokens, releases, prebuild
-- Globals, so that done() (which runs in the main Lua state) can read them from each thread.
granted, conflicts, released, other = 0, 0, 0, 0
local threads = {}
function setup(thread) threads[#threads + 1] = thread end

function init(args)
  pool, events = {}, {}
  for _, line in ipairs(lines(os.getenv("POOL_FILE"))) do
    local event, seat = line:match("(%d+)%s+(%d+)")
    if not pool[event] then pool[event] = {}; events[#events + 1] = event end
    table.insert(pool[event], seat)
  end
  tokens = lines(os.getenv("TOKENS_FILE"))
  releases = {}
  math.randomseed(os.time())
  prebuild() -- wrk calls init before it starts the clock
end

if rate > 0 then
  delay = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "pacing.lua").delay(rate)
end

local function ownerOf(seats)
  local lowest = math.huge
  for _, seat in ipairs(seats) do lowest = math.min(lowest, tonumber(seat)) end
  return tokens[lowest % #tokens + 1]
end

local function hold()
  local event = events[math.random(#events)]
  local seats = pool[event]
  local picked, ids = {}, {}
  while #ids < seatsPerHold do
    local seat = seats[math.random(#seats)]
    if not picked[seat] then picked[seat] = true; ids[#ids + 1] = seat end
  end
  local path = ({ pg = "/bench/pg-holds", annotated = "/bench/annotated-holds",
    edge = "/bench/edge-holds", edgefn = "/bench/edge-holds-fn" })[target] or "/api/holds"
  return wrk.format("POST", path, { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. ownerOf(ids) },
    '{"eventId":' .. event .. ',"seatIds":[' .. table.concat(ids, ",") .. ']}')
end

-- The hold requests are made before the run, not per request: building each one (random seats, the JSON, the
-- headers) was about a fifth of wrk's user CPU, on the two cores wrk shares with the service (BENCHMARKS.md,
-- "How we measure"). PREBUILT random holds are sent in turn; at 6,000 holds/s a seat pair comes round again after
-- ~10 s, long after its hold expired (expire mode, 2 s TTL) or was released (release mode).
local prebuilt, nextHold = {}, 0
local PREBUILT = tonumber(os.getenv("PREBUILT") or "65536")

function prebuild()
  for i = 1, PREBUILT do prebuilt[i] = hold() end
end

local function nextHoldRequest()
  nextHold = nextHold % #prebuilt + 1
  return prebuilt[nextHold]
end

function request()
  local release = table.remove(releases)
  if release then
    return wrk.format("DELETE", release.path, { ["Authorization"] = "Bearer " .. release.token })
  end
  return nextHoldRequest()
end

function response(status, headers, body)
  if status == 201 then
    granted = granted + 1
    if recycle ~= "release" or target:sub(1, 4) == "edge" or target == "annotated" then return end
    local seats = {}
    for seat in (body:match('"seats"%s*:%s*%[([^%]]*)%]') or ""):gmatch("%d+") do seats[#seats + 1] = seat end
    local path
    if target == "pg" then
      path = "/bench/pg-holds/" .. body:match('"eventId"%s*:%s*(%d+)') .. "/" .. table.concat(seats, ",")
    else
      path = "/api/holds/" .. body:match('"holdId"%s*:%s*"([^"]+)"')
    end
    releases[#releases + 1] = { path = path, token = ownerOf(seats) }
  elseif status == 204 then
    released = released + 1
  elseif status == 409 then
    conflicts = conflicts + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local total = { granted = 0, conflicts = 0, released = 0, other = 0 }
  for _, thread in ipairs(threads) do
    for name in pairs(total) do total[name] = total[name] + thread:get(name) end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("%s: holds granted %d (%.0f/s), conflicts %d, released %d, other %d, in %.1f s\n",
    target, total.granted, total.granted / seconds, total.conflicts, total.released, total.other, seconds))
end
