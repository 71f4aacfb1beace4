#!/usr/bin/env bash
# The README's trigger example, run for real: examples/triggers/pre_token_generation.py (a
# function written for AWS Lambda, unchanged) behind examples/triggers/lambda_http_shim.py,
# called by incognito as an HTTP hook; the claim it adds is what the gateway checks.
#
#   tests/triggers/example.sh            (needs python3 and curl; builds the debug binary)
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/incognito-target}"
BIN="$CARGO_TARGET_DIR/debug/incognito"
[ -x "$BIN" ] || cargo build --quiet

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
API_PORT="$(free_port)"; GW_PORT="$(free_port)"; UP_PORT="$(free_port)"; HOOK_PORT="$(free_port)"
WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  for log in server.log hook.log; do
    [ -f "$WORK/$log" ] && { echo "--- $log" >&2; tail -20 "$WORK/$log" >&2; }
  done
  exit 1
}

POOL="us-east-1_TriggerEx1"
CLIENT="triggerexampleclient000000"
cat >"$WORK/seed.toml" <<EOF
[[user_pools]]
Id = "$POOL"
PoolName = "trigger-example"
LambdaConfig = { PreTokenGenerationConfig = { LambdaVersion = "V2_0", LambdaArn = "arn:aws:lambda:us-east-1:000000000000:function:pre-token" } }
  [[user_pools.clients]]
  ClientId = "$CLIENT"
  ClientName = "web"
  ExplicitAuthFlows = ["ALLOW_ADMIN_USER_PASSWORD_AUTH"]
  [[user_pools.users]]
  Username = "ann"
  Password = "Correct-Horse-9"
  UserAttributes = [{ Name = "email", Value = "ann@example.com" }]
  [[user_pools.users]]
  Username = "bob"
  Password = "Correct-Horse-9"
  UserAttributes = [{ Name = "email", Value = "bob@elsewhere.example" }]
  [[user_pools.users]]
  Username = "eve"
  Password = "Correct-Horse-9"
  UserAttributes = [{ Name = "email", Value = "eve@blocked.example" }]
EOF
cat >"$WORK/incognito.toml" <<EOF
[server]
listen = "127.0.0.1:$API_PORT"
[database]
url = "sqlite://$WORK/incognito.db?mode=rwc"
[security]
master_key_file = "$WORK/master.key"
[passwords]
preset = "fast"
[seed]
file = "$WORK/seed.toml"

[[triggers.hooks]]
function = "pre-token"
url = "http://127.0.0.1:$HOOK_PORT/"

[gateway]
listen = "127.0.0.1:$GW_PORT"

[[gateway.routes]]
name = "reports"
path = "/reports"
upstream = "http://127.0.0.1:$UP_PORT"
authorizer = "cognito"
user_pool_id = "$POOL"
claims = { tier = "gold" }
EOF

cat >"$WORK/upstream.py" <<'EOF'
import http.server, sys
class Ok(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("content-length", "2")
        self.end_headers()
        self.wfile.write(b"ok")
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Ok).serve_forever()
EOF
python3 "$WORK/upstream.py" "$UP_PORT" >"$WORK/upstream.log" 2>&1 &
PIDS+=($!)
(cd examples/triggers && exec python3 lambda_http_shim.py pre_token_generation:handler --port "$HOOK_PORT") \
  >"$WORK/hook.log" 2>&1 &
PIDS+=($!)
RUST_LOG=warn "$BIN" serve --config "$WORK/incognito.toml" >"$WORK/server.log" 2>&1 &
PIDS+=($!)

ready() { curl -s -o /dev/null "$1"; }
for _ in $(seq 1 150); do
  ready "http://127.0.0.1:$API_PORT/health" && ready "http://127.0.0.1:$GW_PORT/" &&
    ready "http://127.0.0.1:$UP_PORT/" && ready "http://127.0.0.1:$HOOK_PORT/" && break
  sleep 0.1
done

sign_in() {
  curl -sS "http://127.0.0.1:$API_PORT/" -H 'content-type: application/x-amz-json-1.1' \
    -H 'x-amz-target: AWSCognitoIdentityProviderService.AdminInitiateAuth' \
    -d "{\"UserPoolId\":\"$POOL\",\"ClientId\":\"$CLIENT\",\"AuthFlow\":\"ADMIN_USER_PASSWORD_AUTH\",\"AuthParameters\":{\"USERNAME\":\"$1\",\"PASSWORD\":\"Correct-Horse-9\"}}"
}
token_of() { python3 -c 'import json,sys; print(json.load(sys.stdin)["AuthenticationResult"]["AccessToken"])'; }
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

ANN="$(sign_in ann | token_of)" || fail "ann could not sign in"
BOB="$(sign_in bob | token_of)" || fail "bob could not sign in"
python3 - "$ANN" <<'EOF' || fail "ann's token lacks the trigger's claim and scope"
import base64, json, sys
payload = sys.argv[1].split(".")[1]
claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
assert claims["tier"] == "gold", claims
assert "orders/read" in claims["scope"].split(), claims
EOF

code="$(status "http://127.0.0.1:$GW_PORT/reports/q4" -H "Authorization: Bearer $ANN")"
[ "$code" = 200 ] || fail "gold tier: expected 200, got $code"
code="$(status "http://127.0.0.1:$GW_PORT/reports/q4" -H "Authorization: Bearer $BOB")"
[ "$code" = 403 ] || fail "basic tier: expected 403, got $code"

EVE="$(sign_in eve)"
echo "$EVE" | grep -q '"__type":"UserLambdaValidationException"' || fail "eve: $EVE"
echo "$EVE" | grep -q 'PreTokenGeneration failed with error This account is blocked.' || fail "eve: $EVE"
echo "trigger example: ok (gold 200, basic 403, a raising function refuses the sign-in)"
