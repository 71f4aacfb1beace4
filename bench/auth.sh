#!/usr/bin/env bash
# Load benchmark of the sign-in engine: the release binary on SQLite, driven by wrk over
# loopback on this same machine (so client and server share the cores).
#
#   bench/auth.sh [seconds-per-scenario]     (default 10)
#   INCOGNITO_BIN=path/to/incognito   measure another build (e.g. an older commit)
#   SKIP_MICRO=1                      skip the ceilings
#
# Scenarios: USER_PASSWORD_AUTH with the OWASP and the fast argon2 preset,
# REFRESH_TOKEN_AUTH, GetUser; plus argon2id verification and RS256 signing alone
# (bench/ceilings) as the ceiling for the OWASP sign-in figure (the ceilings also print the
# SRP arithmetic, for bench/srp.sh). Prints one line per scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/incognito-target}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
command -v jq >/dev/null || { apt-get update -qq && apt-get install -y -qq jq; }
[ -n "${INCOGNITO_BIN:-}" ] || cargo build --release --quiet
BIN="${INCOGNITO_BIN:-$CARGO_TARGET_DIR/release/incognito}"
PORT=9329
URL="http://127.0.0.1:$PORT"
WORK="$(mktemp -d)"
. bench/lib.sh
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

call() { # call OP JSON
  curl -fsS "$URL/" -H "content-type: application/x-amz-json-1.1" \
    -H "x-amz-target: AWSCognitoIdentityProviderService.$1" -d "$2"
}

start() { # start PRESET
  rm -rf "$WORK/db"; mkdir -p "$WORK/db"
  INCOGNITO_LISTEN="127.0.0.1:$PORT" DATABASE_URL="sqlite://$WORK/db/bench.db?mode=rwc" \
    INCOGNITO_PASSWORDS__PRESET="$1" INCOGNITO_SECURITY__MASTER_KEY_FILE="$WORK/db/master.key" \
    RUST_LOG=error "$BIN" serve >"$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 100); do curl -fs "$URL/health" >/dev/null 2>&1 && break; sleep 0.1; done
  POOL=$(call CreateUserPool '{"PoolName":"bench"}' | jq -r .UserPool.Id)
  CLIENT=$(call CreateUserPoolClient "{\"UserPoolId\":\"$POOL\",\"ClientName\":\"bench\",\"ExplicitAuthFlows\":[\"ALLOW_USER_PASSWORD_AUTH\",\"ALLOW_REFRESH_TOKEN_AUTH\"]}" | jq -r .UserPoolClient.ClientId)
  call AdminCreateUser "{\"UserPoolId\":\"$POOL\",\"Username\":\"bench\",\"MessageAction\":\"SUPPRESS\"}" >/dev/null
  call AdminSetUserPassword "{\"UserPoolId\":\"$POOL\",\"Username\":\"bench\",\"Password\":\"Bench-Pass-123\",\"Permanent\":true}" >/dev/null
  SIGN_IN="{\"ClientId\":\"$CLIENT\",\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"AuthParameters\":{\"USERNAME\":\"bench\",\"PASSWORD\":\"Bench-Pass-123\"}}"
  TOKENS=$(call InitiateAuth "$SIGN_IN")
}

stop() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; }

run() { # run NAME OP BODY CONNECTIONS
  measure "$1" env TARGET="AWSCognitoIdentityProviderService.$2" BODY="$3" wrk -t2 -c"$4" -d"${DURATION}s" -s bench/post.lua "$URL/"
}

machine_line
start owasp
run "USER_PASSWORD_AUTH (owasp)" InitiateAuth "$SIGN_IN" 64
stop
start fast
run "USER_PASSWORD_AUTH (fast)" InitiateAuth "$SIGN_IN" 64
REFRESH="{\"ClientId\":\"$CLIENT\",\"AuthFlow\":\"REFRESH_TOKEN_AUTH\",\"AuthParameters\":{\"REFRESH_TOKEN\":\"$(jq -r .AuthenticationResult.RefreshToken <<<"$TOKENS")\"}}"
run "REFRESH_TOKEN_AUTH" InitiateAuth "$REFRESH" 64
run "GetUser" GetUser "{\"AccessToken\":\"$(jq -r .AuthenticationResult.AccessToken <<<"$TOKENS")\"}" 64
stop
echo "ceilings (nothing else running, one thread per core):"
[ -n "${SKIP_MICRO:-}" ] || (cd bench/ceilings && cargo run --release --quiet)
