-- GET the dashboard's first screen: counts, the latest turnover, today's connectivity, agreements, the next anniversary.
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

function init(args)
  common.options(args)
end

function request()
  return wrk.format("GET", "/api/v1/stats/overview")
end
