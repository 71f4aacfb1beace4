-- Shared by the wrk scripts (dofile'd): counts non-200 answers, so a run that only measured
-- errors cannot pass for a figure, and prints the one summary line the bench scripts read.
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
