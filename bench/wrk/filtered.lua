-- GET a page of trade records filtered by a random year and flow, in the default order, or in the order
-- given by the global `sort` when a script sets it before loading this one (see filtered-sorted.lua).
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")
local flows = { "export", "import", "turnover" }
local order = sort and ("&sort=" .. sort) or ""

function init(args)
  common.options(args)
end

function request()
  return wrk.format("GET", string.format("/api/v1/trade-records?year=%d&flow=%s&page=%d%s",
    math.random(1991, 2025), flows[math.random(#flows)], math.random(1, 5), order))
end
