-- GET a page of the ranked search across all four resources: a random query from Latin, Cyrillic (Russian and Kazakh)
-- and Hangul words that bench/DataGen writes, substrings of them, two-letter words (airline codes, found as whole
-- words), and one that occurs nowhere.
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")
local queries = {
  "hydrogen", "semicon", "uranium supply", "Almaty", "Seoul", "KAIST", "Air Astana", "Asiana", "ICN", "rail",
  "сотрудничество", "корейцев", "ынтымақтастық", "Қазақстан", "협력이", "카자흐스탄", "OZ", "KC", "zeppelin",
}
local encoded = {}

function init(args)
  common.options(args)
  for i, query in ipairs(queries) do
    encoded[i] = common.encode(query)
  end
end

function request()
  return wrk.format("GET", string.format("/api/v1/search?q=%s&page=%d", encoded[math.random(#encoded)], math.random(1, 3)))
end
