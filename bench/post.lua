-- wrk script: POST one AWS JSON 1.1 request, given by environment variables.
--   TARGET  the X-Amz-Target operation, e.g. AWSCognitoIdentityProviderService.GetUser
--   BODY    the JSON body
-- Counts non-200 answers so a run that only measured errors cannot pass for a figure.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = os.getenv("TARGET")
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
