-- GET one trade record by a random id in 1..n.  Arguments: n=<number of trade records>
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")
local n

function init(args)
  n = common.options(args).n or error("by-id.lua needs n=<number of trade records>")
end

function request()
  return wrk.format("GET", "/api/v1/trade-records/" .. math.random(1, n))
end
