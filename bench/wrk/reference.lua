-- GET the reference app's fixed page: the ceiling the API's numbers are compared with.
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

function init(args)
  common.options(args)
end

function request()
  return wrk.format("GET", "/page")
end
