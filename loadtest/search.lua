-- wrk: one search mix for GET /api/search (Elasticsearch) and GET /bench/pg-search (PostgreSQL ILIKE + pg_trgm),
-- rotating over 48 queries on the demo vocabulary: whole words, typos, prefixes (search as you type), two-word
-- queries, with and without a city and a date range. Every request is a different URL from the one before.
--   ROUTE=/api/search | /bench/pg-search        (default /api/search)
--   RATE=n  optional: n requests/s, a fixed arrival rate (see pacing.lua)
-- Usage: ROUTE=/bench/pg-search wrk -t1 -c32 -d30s --latency -s loadtest/search.lua http://localhost:8080
local route = os.getenv("ROUTE") or "/api/search"
local rate = tonumber(os.getenv("RATE") or "0")

local function day(offset)
  return os.date("!%Y-%m-%d", os.time() + offset * 86400)
end
local soon = "&from=" .. day(14) .. "&to=" .. day(60)
local later = "&from=" .. day(90) .. "&to=" .. day(180)

local queries = {
  -- whole words
  "q=velvet", "q=harbor", "q=lanterns", "q=orchestra", "q=puppet", "q=comets", "q=wildfire", "q=titans",
  -- typos (one or two edits)
  "q=velvit", "q=cartographrs", "q=lantrens", "q=blizard", "q=okafur", "q=fairwether", "q=orchestera", "q=dinosuar",
  -- prefixes, as typed
  "q=vel", "q=moonl", "q=cart", "q=harb", "q=sols", "q=lindq", "q=glass%20mer", "q=northern%20ti",
  -- two words
  "q=velvet%20orchards", "q=paper%20moons", "q=night%20drive", "q=small%20talk", "q=dinosaur%20parade", "q=salt%20road",
  -- with a city
  "q=rock&city=London", "q=jazz&city=Berlin", "q=comedy&city=New%20York", "q=velvet&city=Paris", "q=puppet&city=Madrid",
  "q=hockey&city=Toronto", "q=lantern&city=Lisbon", "q=tour&city=Chicago",
  -- with a date range
  "q=tour" .. soon, "q=basketball" .. soon, "q=musical" .. later, "q=harbor" .. later,
  -- city and dates
  "q=concert&city=Manchester" .. soon, "q=rock&city=Amsterdam" .. later, "q=show&city=Sydney" .. soon,
  "q=neon&city=Vienna" .. later, "q=opera&city=Milan" .. soon, "q=folk&city=Dublin" .. later,
}

local counter = 0

request = function()
  counter = counter + 1
  return wrk.format("GET", route .. "?" .. queries[counter % #queries + 1])
end

if rate > 0 then
  delay = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "pacing.lua").delay(rate)
end
