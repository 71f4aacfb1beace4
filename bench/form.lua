-- wrk script: POST one form-encoded request (an OAuth token request), given by environment
-- variables.
--   BODY    the form body, e.g. grant_type=client_credentials&scope=orders%2Fread
--   BASIC   optional: base64(client_id:client_secret) for client_secret_basic
-- Non-200 answers are counted (bench/report.lua).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
if os.getenv("BASIC") and os.getenv("BASIC") ~= "" then
  wrk.headers["Authorization"] = "Basic " .. os.getenv("BASIC")
end
wrk.body = os.getenv("BODY")

dofile("bench/report.lua")
