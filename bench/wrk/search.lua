-- GET a page of events whose title, summary or participants contain a random word.
-- The words are those bench/DataGen/FactGenerator.cs writes (topics, cities, one Russian word),
-- plus one that appears nowhere, so that a search finding nothing is measured too.
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")
local words = {
  "energy", "uranium", "hydrogen", "semiconductor", "minerals", "logistics", "investment", "education",
  "tourism", "medicine", "agriculture", "culture", "digital", "railway", "space", "koryo",
  "Almaty", "Astana", "Seoul", "Busan", "Embassy", "KAIST", "сотрудничество", "zeppelin",
}
local encoded = {}

function init(args)
  common.options(args)
  for i, word in ipairs(words) do
    encoded[i] = common.encode(word)
  end
end

function request()
  return wrk.format("GET", string.format("/api/v1/events?q=%s&page=%d", encoded[math.random(#encoded)], math.random(1, 3)))
end
