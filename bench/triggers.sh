#!/usr/bin/env bash
# What a PreTokenGeneration hook costs a sign-in: USER_PASSWORD_AUTH (fast preset) at
# concurrency 1 without a trigger, then with a V2_0 hook on loopback (bench/noop_pre_token.py
# behind examples/triggers/lambda_http_shim.py), and the hook alone with the same event. The
# overhead incognito adds is p50(with hook) - p50(without) - p50(hook alone). Then the same
# sign-in at concurrency 16, for throughput.
#
#   bench/triggers.sh [seconds-per-scenario]     (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/incognito-target}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
command -v jq >/dev/null || { apt-get update -qq && apt-get install -y -qq jq; }
[ -n "${INCOGNITO_BIN:-}" ] || cargo build --release --quiet
BIN="${INCOGNITO_BIN:-$CARGO_TARGET_DIR/release/incognito}"
PORT=9331
HOOK_PORT=9332
URL="http://127.0.0.1:$PORT"
WORK="$(mktemp -d)"
. bench/lib.sh
HOOK=""
trap 'kill $SERVER $HOOK 2>/dev/null || true; rm -rf "$WORK"' EXIT

call() { # call OP JSON
  curl -fsS "$URL/" -H "content-type: application/x-amz-json-1.1" \
    -H "x-amz-target: AWSCognitoIdentityProviderService.$1" -d "$2"
}

cp bench/noop_pre_token.py "$WORK/"
(cd "$WORK" && exec python3 "$OLDPWD/examples/triggers/lambda_http_shim.py" noop_pre_token:handler --port "$HOOK_PORT") &
HOOK=$!
cat >"$WORK/incognito.toml" <<EOF
[server]
listen = "127.0.0.1:$PORT"
[database]
url = "sqlite://$WORK/bench.db?mode=rwc"
[security]
master_key_file = "$WORK/master.key"
[passwords]
preset = "fast"
[[triggers.hooks]]
function = "pre-token"
url = "http://127.0.0.1:$HOOK_PORT/"
EOF
RUST_LOG=error "$BIN" serve --config "$WORK/incognito.toml" >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -fs "$URL/health" >/dev/null 2>&1 && break; sleep 0.1; done

pool() { # pool LAMBDA_CONFIG_JSON → sets SIGN_IN
  local pool client
  pool=$(call CreateUserPool "{\"PoolName\":\"bench\",\"LambdaConfig\":$1}" | jq -r .UserPool.Id)
  client=$(call CreateUserPoolClient "{\"UserPoolId\":\"$pool\",\"ClientName\":\"bench\",\"ExplicitAuthFlows\":[\"ALLOW_USER_PASSWORD_AUTH\",\"ALLOW_REFRESH_TOKEN_AUTH\"]}" | jq -r .UserPoolClient.ClientId)
  call AdminCreateUser "{\"UserPoolId\":\"$pool\",\"Username\":\"bench\",\"MessageAction\":\"SUPPRESS\",\"UserAttributes\":[{\"Name\":\"email\",\"Value\":\"bench@example.com\"}]}" >/dev/null
  call AdminSetUserPassword "{\"UserPoolId\":\"$pool\",\"Username\":\"bench\",\"Password\":\"Bench-Pass-123\",\"Permanent\":true}" >/dev/null
  SIGN_IN="{\"ClientId\":\"$client\",\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"AuthParameters\":{\"USERNAME\":\"bench\",\"PASSWORD\":\"Bench-Pass-123\"}}"
  POOL_ID=$pool
}

run() { # run NAME URL TARGET BODY CONNECTIONS
  measure "$1" env TARGET="$3" BODY="$4" wrk -t1 -c"$5" -d"${DURATION}s" -s bench/post.lua "$2"
}
p50() { sed -E 's/.*p50_ms=([0-9.]+).*/\1/' "$WORK/wrk.out"; }

machine_line
OP="AWSCognitoIdentityProviderService.InitiateAuth"
pool '{}'
run "sign-in, no trigger (c1)" "$URL/" "$OP" "$SIGN_IN" 1
BASE=$(p50)
pool '{"PreTokenGenerationConfig":{"LambdaVersion":"V2_0","LambdaArn":"arn:aws:lambda:us-east-1:000000000000:function:pre-token"}}'
call InitiateAuth "$SIGN_IN" | jq -e '.AuthenticationResult.AccessToken' >/dev/null
run "sign-in, pre-token hook (c1)" "$URL/" "$OP" "$SIGN_IN" 1
WITH=$(p50)
# The hook alone, with the event incognito sends it (same size and shape).
EVENT=$(jq -nc --arg pool "$POOL_ID" '{version:"2",region:"us-east-1",userPoolId:$pool,userName:"bench",
  callerContext:{awsSdkVersion:"aws-sdk-unknown-unknown",clientId:"x"},triggerSource:"TokenGeneration_Authentication",
  request:{userAttributes:{sub:"00000000-0000-4000-8000-000000000000",email:"bench@example.com","cognito:user_status":"CONFIRMED"},
  groupConfiguration:{groupsToOverride:[],iamRolesToOverride:[],preferredRole:null},clientMetadata:{},
  scopes:["aws.cognito.signin.user.admin"]},response:{}}')
run "the hook alone (c1)" "http://127.0.0.1:$HOOK_PORT/" "none" "$EVENT" 1
ALONE=$(p50)
awk -v w="$WITH" -v b="$BASE" -v a="$ALONE" 'BEGIN { printf "overhead per sign-in (p50): %.2f ms = %.2f - %.2f - %.2f\n", w - b - a, w, b, a }'
run "sign-in, pre-token hook (c16)" "$URL/" "$OP" "$SIGN_IN" 16
pool '{}'
run "sign-in, no trigger (c16)" "$URL/" "$OP" "$SIGN_IN" 16
