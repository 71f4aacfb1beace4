-- wrk script: POST one AWS JSON 1.1 request, given by environment variables.
--   TARGET  the X-Amz-Target operation, e.g. AWSCognitoIdentityProviderService.GetUser
--   BODY    the JSON body
-- Non-200 answers are counted (bench/report.lua).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = os.getenv("TARGET")
wrk.body = os.getenv("BODY")

dofile("bench/report.lua")
