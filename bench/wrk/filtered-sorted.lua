-- GET a page of trade records filtered by a random year and flow, largest value first.
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")
local flows = { "export", "import", "turnover" }

function init(args)
  common.options(args)
end

function request()
  return wrk.format("GET", string.format("/api/v1/trade-records?year=%d&flow=%s&page=%d&sort=-valueUsd",
    math.random(1991, 2025), flows[math.random(#flows)], math.random(1, 5)))
end
