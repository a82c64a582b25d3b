-- Shared by the workload scripts, which load it with dofile: script arguments, a seeded random
-- generator, and a count of responses outside 200..299 that the runner puts in its table.
--
-- Arguments follow "--" on the wrk command line as key=value pairs, e.g. `-- n=1000000 offset=0`.
-- The environment variables BENCH_N, BENCH_SEED and BENCH_OFFSET are used when an argument is missing.
local common = {}

function common.options(args)
  local options = {
    n = tonumber(os.getenv("BENCH_N")),
    seed = tonumber(os.getenv("BENCH_SEED")) or 20261202,
    offset = tonumber(os.getenv("BENCH_OFFSET")) or 0,
  }
  for _, arg in ipairs(args or {}) do
    local key, value = arg:match("^(%w+)=(.*)$")
    if key then
      options[key] = tonumber(value) or value
    end
  end
  math.randomseed(options.seed)
  return options
end

-- Percent-encodes a query parameter value (UTF-8 bytes included).
function common.encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- Each wrk thread runs its own copy of the script; non2xx is a global so that done() can read it
-- from every thread. The first failure of each thread is shown, to say what went wrong.
non2xx = 0
function response(status, headers, body)
  if status < 200 or status > 299 then
    if non2xx == 0 then
      io.stderr:write(string.format("first non-2xx response: %d %s\n", status, (body or ""):sub(1, 300)))
    end
    non2xx = non2xx + 1
  end
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

-- One machine-readable line for the runner, after wrk's own report.
function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + (tonumber(thread:get("non2xx")) or 0)
  end
  io.write(string.format("BENCH requests=%d non2xx=%d status_errors=%d timeouts=%d\n",
    summary.requests, failed, summary.errors.status, summary.errors.timeout))
end

return common
