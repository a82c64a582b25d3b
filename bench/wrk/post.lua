-- POST new trade records. Every key is new: the running counter (from offset) picks the HS code
-- (990000..999999, a range the data generator leaves unused), then the month, flow and year, which
-- gives 12.6 million distinct keys. wrk must run with -t1 so that one counter serves all connections,
-- and each run against the same database needs its own offset, e.g. offset=1000000 for the second.
-- Arguments: offset=<first counter value>. The API key comes from the environment variable BENCH_KEY.
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")
local flows = { "export", "import", "turnover" }
local headers = { ["Content-Type"] = "application/json", ["X-Api-Key"] = os.getenv("BENCH_KEY") or "" }
local counter

function init(args)
  counter = common.options(args).offset
end

function request()
  local c = counter
  counter = counter + 1
  local body = string.format(
    '{"reporterCountry":"KZ","partnerCountry":"KR","flow":"%s","year":%d,"month":%d,"hsCode":"%06d","valueUsd":%d.%02d,"sources":[]}',
    flows[math.floor(c / 120000) % 3 + 1],
    1991 + math.floor(c / 360000) % 35,
    math.floor(c / 10000) % 12 + 1,
    990000 + c % 10000,
    math.random(1, 5000000), math.random(0, 99))
  return wrk.format("POST", "/api/v1/trade-records", headers, body)
end
