-- Revalidate a cached insight answer: the first answer gives the trade statistics' ETag, and every later request sends
-- it in If-None-Match, so the server answers 304 without computing anything. 200 and 304 both count as success here;
-- any other status is a failure, as in the other workloads. One address only: wrk does not tell a response's request.
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")
local path = "/api/v1/stats/trade?yearFrom=2015&yearTo=2024"
local tag

function init(args)
  common.options(args)
end

function request()
  return wrk.format("GET", path, tag and { ["If-None-Match"] = tag } or {})
end

function response(status, headers, body)
  if status == 200 and headers["ETag"] then
    tag = headers["ETag"]
  elseif status ~= 304 then
    if non2xx == 0 then
      io.stderr:write(string.format("first failed response: %d %s\n", status, (body or ""):sub(1, 300)))
    end
    non2xx = non2xx + 1
  end
end
