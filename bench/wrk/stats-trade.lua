-- GET trade statistics by year for a random range of years (1991–2025) and a random choice of flows, as a dashboard
-- asks for them: 35 x 35 / 2 ranges times 7 flow lists, so a warm server has answered most of them before.
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")
local flows = { "export", "import", "turnover", "export,import", "export,turnover", "import,turnover", "export,import,turnover" }

function init(args)
  common.options(args)
end

function request()
  local from = math.random(1991, 2025)
  local to = math.random(from, 2025)
  return wrk.format("GET", string.format("/api/v1/stats/trade?yearFrom=%d&yearTo=%d&flow=%s", from, to, flows[math.random(#flows)]))
end
