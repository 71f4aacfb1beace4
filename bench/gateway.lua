-- wrk script for bench/gateway.sh: GET with an optional Authorization header (env AUTH).
-- Prints one line: requests, non-2xx/3xx answers (so a run that measured only errors cannot
-- pass for a figure), requests/s, p50/p99 latency in µs.
local auth = os.getenv("AUTH")
if auth ~= nil and auth ~= "" then
  wrk.headers["Authorization"] = auth
end

function done(summary, latency, requests)
  io.write(string.format("requests=%d errors=%d rps=%.0f p50_us=%.0f p99_us=%.0f\n",
    summary.requests, summary.errors.status, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99)))
end
