-- The filtered workload, largest value first.
sort = "-valueUsd"
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "filtered.lua")
