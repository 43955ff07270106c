-- wrk script: a read mix over the demo dataset's 10,000 events (event view, availability, lists).
local counter = 0
request = function()
  counter = counter + 1
  local id = (counter * 7919) % 10000 + 1
  local kind = counter % 10
  if kind < 6 then
    return wrk.format("GET", "/api/events/" .. id)
  elseif kind < 9 then
    return wrk.format("GET", "/api/events/" .. id .. "/availability")
  else
    return wrk.format("GET", "/api/events?size=20")
  end
end
