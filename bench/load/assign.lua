-- wrk script for serve-load.sh: POST one valid customer (the file in $SEGBENCH_BODY) per request,
-- then print requests/s, latency percentiles and the count of non-2xx responses.
local file = assert(io.open(os.getenv("SEGBENCH_BODY"), "r"))
wrk.method = "POST"
wrk.body = file:read("*a")
wrk.headers["Content-Type"] = "application/json"
file:close()

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write("---- serve-load summary ----\n")
  io.write(string.format("requests:        %d in %.1f s\n", summary.requests, seconds))
  io.write(string.format("requests/s:      %.0f\n", summary.requests / seconds))
  for _, p in ipairs({ 50, 90, 99, 99.9 }) do
    io.write(string.format("latency p%-5s   %.3f ms\n", tostring(p), latency:percentile(p) / 1000))
  end
  io.write(string.format("latency max:     %.3f ms\n", latency.max / 1000))
  io.write(string.format("non-2xx:         %d (4xx/5xx, as wrk counts them)\n", errors.status))
  io.write(string.format("socket errors:   connect %d, read %d, write %d, timeout %d\n", errors.connect, errors.read, errors.write, errors.timeout))
end
