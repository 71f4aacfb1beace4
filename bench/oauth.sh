#!/usr/bin/env bash
# Load benchmark of /oauth2/token: client_credentials grants and refresh_token grants at
# concurrency 64, the release binary on SQLite, wrk over loopback on this same machine (so
# client and server share the cores).
#
#   bench/oauth.sh [seconds-per-scenario]     (default 10)
#   INCOGNITO_BIN=path/to/incognito   measure another build
#
# A client_credentials grant signs one RS256 token; a refresh grant signs two (ID and
# access) and reads the refresh token, the user and the user's groups. The RS256 ceiling of
# the machine (bench/ceilings) bounds both: compare with it.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/incognito-target}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
command -v jq >/dev/null || { apt-get update -qq && apt-get install -y -qq jq; }
[ -n "${INCOGNITO_BIN:-}" ] || cargo build --release --quiet
BIN="${INCOGNITO_BIN:-$CARGO_TARGET_DIR/release/incognito}"
PORT=9331
URL="http://127.0.0.1:$PORT"
WORK="$(mktemp -d)"
. bench/lib.sh
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

call() { # call OP JSON
  curl -fsS "$URL/" -H "content-type: application/x-amz-json-1.1" \
    -H "x-amz-target: AWSCognitoIdentityProviderService.$1" -d "$2"
}

INCOGNITO_LISTEN="127.0.0.1:$PORT" DATABASE_URL="sqlite://$WORK/bench.db?mode=rwc" \
  INCOGNITO_PASSWORDS__PRESET=fast INCOGNITO_SECURITY__MASTER_KEY_FILE="$WORK/master.key" \
  RUST_LOG=error "$BIN" serve >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -fs "$URL/health" >/dev/null 2>&1 && break; sleep 0.1; done

POOL=$(call CreateUserPool '{"PoolName":"bench"}' | jq -r .UserPool.Id)
call CreateUserPoolDomain "{\"UserPoolId\":\"$POOL\",\"Domain\":\"bench\"}" >/dev/null
call CreateResourceServer "{\"UserPoolId\":\"$POOL\",\"Identifier\":\"orders\",\"Name\":\"orders\",\"Scopes\":[{\"ScopeName\":\"read\",\"ScopeDescription\":\"read\"}]}" >/dev/null
M2M=$(call CreateUserPoolClient "{\"UserPoolId\":\"$POOL\",\"ClientName\":\"m2m\",\"GenerateSecret\":true,\"AllowedOAuthFlowsUserPoolClient\":true,\"AllowedOAuthFlows\":[\"client_credentials\"],\"AllowedOAuthScopes\":[\"orders/read\"]}")
M2M_BASIC=$(printf '%s:%s' "$(jq -r .UserPoolClient.ClientId <<<"$M2M")" "$(jq -r .UserPoolClient.ClientSecret <<<"$M2M")" | base64 -w0)
WEB=$(call CreateUserPoolClient "{\"UserPoolId\":\"$POOL\",\"ClientName\":\"web\",\"ExplicitAuthFlows\":[\"ALLOW_USER_PASSWORD_AUTH\",\"ALLOW_REFRESH_TOKEN_AUTH\"],\"AllowedOAuthFlowsUserPoolClient\":true,\"AllowedOAuthFlows\":[\"code\"],\"AllowedOAuthScopes\":[\"openid\",\"email\"],\"CallbackURLs\":[\"http://localhost/cb\"]}" | jq -r .UserPoolClient.ClientId)
call AdminCreateUser "{\"UserPoolId\":\"$POOL\",\"Username\":\"bench\",\"MessageAction\":\"SUPPRESS\"}" >/dev/null
call AdminSetUserPassword "{\"UserPoolId\":\"$POOL\",\"Username\":\"bench\",\"Password\":\"Bench-Pass-123\",\"Permanent\":true}" >/dev/null
REFRESH=$(call InitiateAuth "{\"ClientId\":\"$WEB\",\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"AuthParameters\":{\"USERNAME\":\"bench\",\"PASSWORD\":\"Bench-Pass-123\"}}" | jq -r .AuthenticationResult.RefreshToken)
TOKEN_URL="$URL/_domain/bench/oauth2/token"

run() { # run NAME BODY BASIC
  measure "$1" env BODY="$2" BASIC="$3" wrk -t2 -c64 -d"${DURATION}s" -s bench/form.lua "$TOKEN_URL"
}

machine_line
run "client_credentials" "grant_type=client_credentials&scope=orders%2Fread" "$M2M_BASIC"
run "refresh_token" "grant_type=refresh_token&client_id=$WEB&refresh_token=$REFRESH" ""
