-- wrk script: cycles through the request paths in the file named by $PATHS, each thread from its own offset,
-- sending the sign-in cookie in $COOKIE; done() prints one Markdown row with p50/p95/p99 from wrk's histogram.
local paths = {}
for line in io.lines(os.getenv("PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end
local cookie = os.getenv("COOKIE")
local counter = 0
local threads = 0

function setup(thread)
  thread:set("offset", threads * 7919)
  threads = threads + 1
end

function init(args)
  counter = offset or 0
end

function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  return wrk.format("GET", path, { ["Cookie"] = cookie, ["Accept-Language"] = "fr-FR" })
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("| %.0f | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %d |\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, non2xx))
end
