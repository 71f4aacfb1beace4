#!/usr/bin/env bash
# Load benchmark of identity pools: GetId and GetCredentialsForIdentity with a user-pool
# login (an ID token of a real user), on the release binary with SQLite, driven by wrk over
# loopback on this same machine (client and server share the cores). Then the SigV4
# micro-benchmark (benches/sigv4.rs, one core): verifying a request signed with the
# credentials GetCredentialsForIdentity hands out.
#
#   bench/identity.sh [seconds-per-scenario]     (default 10)
#   INCOGNITO_BIN=path/to/incognito   measure another build;  SKIP_MICRO=1   skip benches/sigv4.rs
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

call() { # call SERVICE OP JSON
  curl -fsS "$URL/" -H "content-type: application/x-amz-json-1.1" -H "x-amz-target: $1.$2" -d "$3"
}
idp() { call AWSCognitoIdentityProviderService "$@"; }
ident() { call AWSCognitoIdentityService "$@"; }

mkdir -p "$WORK/db"
INCOGNITO_LISTEN="127.0.0.1:$PORT" DATABASE_URL="sqlite://$WORK/db/bench.db?mode=rwc" \
  INCOGNITO_PASSWORDS__PRESET=fast INCOGNITO_SECURITY__MASTER_KEY_FILE="$WORK/db/master.key" \
  RUST_LOG=error "$BIN" serve >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -fs "$URL/health" >/dev/null 2>&1 && break; sleep 0.1; done

POOL=$(idp CreateUserPool '{"PoolName":"bench"}' | jq -r .UserPool.Id)
CLIENT=$(idp CreateUserPoolClient "{\"UserPoolId\":\"$POOL\",\"ClientName\":\"bench\",\"ExplicitAuthFlows\":[\"ALLOW_USER_PASSWORD_AUTH\",\"ALLOW_REFRESH_TOKEN_AUTH\"]}" | jq -r .UserPoolClient.ClientId)
idp AdminCreateUser "{\"UserPoolId\":\"$POOL\",\"Username\":\"bench\",\"MessageAction\":\"SUPPRESS\"}" >/dev/null
idp AdminSetUserPassword "{\"UserPoolId\":\"$POOL\",\"Username\":\"bench\",\"Password\":\"Bench-Pass-123\",\"Permanent\":true}" >/dev/null
ID_TOKEN=$(idp InitiateAuth "{\"ClientId\":\"$CLIENT\",\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"AuthParameters\":{\"USERNAME\":\"bench\",\"PASSWORD\":\"Bench-Pass-123\"}}" | jq -r .AuthenticationResult.IdToken)
PROVIDER="cognito-idp.us-east-1.amazonaws.com/$POOL"
IPOOL=$(ident CreateIdentityPool "{\"IdentityPoolName\":\"bench\",\"AllowUnauthenticatedIdentities\":false,\"CognitoIdentityProviders\":[{\"ProviderName\":\"$PROVIDER\",\"ClientId\":\"$CLIENT\"}]}" | jq -r .IdentityPoolId)
TRUST='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"}}}]}'
curl -fsS "$URL/" --data-urlencode Action=CreateRole --data-urlencode Version=2010-05-08 \
  --data-urlencode RoleName=bench --data-urlencode "AssumeRolePolicyDocument=$TRUST" >/dev/null
ident SetIdentityPoolRoles "{\"IdentityPoolId\":\"$IPOOL\",\"Roles\":{\"authenticated\":\"arn:aws:iam::000000000000:role/bench\"}}" >/dev/null
LOGINS="{\"$PROVIDER\":\"$ID_TOKEN\"}"
IID=$(ident GetId "{\"IdentityPoolId\":\"$IPOOL\",\"Logins\":$LOGINS}" | jq -r .IdentityId)
ident GetCredentialsForIdentity "{\"IdentityId\":\"$IID\",\"Logins\":$LOGINS}" | jq -e .Credentials.AccessKeyId >/dev/null

run() { # run NAME OP BODY CONNECTIONS
  measure "$1" env TARGET="AWSCognitoIdentityService.$2" BODY="$3" wrk -t2 -c"$4" -d"${DURATION}s" -s bench/post.lua "$URL/"
}

machine_line
run "GetId (user-pool login)" GetId "{\"IdentityPoolId\":\"$IPOOL\",\"Logins\":$LOGINS}" 64
run "GetCredentialsForIdentity" GetCredentialsForIdentity "{\"IdentityId\":\"$IID\",\"Logins\":$LOGINS}" 64
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
echo "SigV4 verification with the credentials (one core):"
[ -n "${SKIP_MICRO:-}" ] || cargo bench --quiet --bench sigv4
