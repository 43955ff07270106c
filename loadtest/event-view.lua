-- wrk: GET /api/events/{id} over 200 hot events of the demo dataset (ids 1..200), counting non-2xx.
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/api/events/" .. (counter % 200 + 1))
end
