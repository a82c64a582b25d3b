-- GET a page of the timeline (events and agreement milestones in one feed): a random page of 1..20 in either order.
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")
local orders = { "date", "-date" }

function init(args)
  common.options(args)
end

function request()
  return wrk.format("GET", string.format("/api/v1/timeline?page=%d&sort=%s", math.random(1, 20), orders[math.random(#orders)]))
end
