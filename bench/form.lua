-- wrk script: POST one form-encoded request (an OAuth token request), given by environment
-- variables.
--   BODY    the form body, e.g. grant_type=client_credentials&scope=orders%2Fread
--   BASIC   optional: base64(client_id:client_secret) for client_secret_basic
-- Counts non-200 answers so a run that only measured errors cannot pass for a figure.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
if os.getenv("BASIC") and os.getenv("BASIC") ~= "" then
  wrk.headers["Authorization"] = "Basic " .. os.getenv("BASIC")
end
wrk.body = os.getenv("BODY")

local errors = 0
function response(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
    if errors == 1 then io.stderr:write("first non-200 answer: " .. status .. " " .. body .. "\n") end
  end
end

function done(summary, latency, requests)
  io.write(string.format("requests=%d errors=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.status, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
