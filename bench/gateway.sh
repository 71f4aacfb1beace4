#!/usr/bin/env bash
# Load benchmark of the gateway: the release binary on SQLite in front of an nginx upstream
# that answers `200 ok` itself, everything on loopback on this same machine (so the load
# generator, the gateway and the upstream share the cores).
#
#   bench/gateway.sh [seconds-per-run] [connections]     (defaults 10, 32)
#
# For each path — the upstream directly, the gateway with authorizer none, cognito (a Bearer
# access token) and iam (SigV4 with identity-pool credentials, every request signed afresh by
# bench/gateway-load, since wrk's Lua cannot sign) — two runs:
#   latency:    1 connection, requests back to back: p50/p99 and the p50 added by the gateway
#               over the same tool's direct run;
#   throughput: N connections: requests/s.
# wrk (bench/gateway.lua) drives direct, none and cognito; bench/gateway-load drives direct
# (again, as its own baseline) and iam.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
CONNECTIONS="${2:-32}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/incognito-target}"
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v curl >/dev/null || need+=(curl)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
if [ "${#need[@]}" -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}"; fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
if [ "${SKIP_BUILD:-0}" != 1 ]; then   # SKIP_BUILD=1: use the release binaries already built
  cargo build --release --quiet
  (cd bench/gateway-load && cargo build --release --quiet)
fi
BIN="$CARGO_TARGET_DIR/release/incognito"
LOAD="$CARGO_TARGET_DIR/release/incognito-bench-gateway"
API=9331; GATEWAY=9332; UPSTREAM=9333
WORK="$(mktemp -d)"
chmod 755 "$WORK"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT

POOL="us-east-1_BenchGw001"
CLIENT="benchgatewayclient00000000"
IPOOL="us-east-1:00000000-0000-4000-8000-00000000be01"
cat >"$WORK/seed.toml" <<EOF
[[user_pools]]
Id = "$POOL"
PoolName = "bench"
  [[user_pools.clients]]
  ClientId = "$CLIENT"
  ClientName = "bench"
  ExplicitAuthFlows = ["ALLOW_ADMIN_USER_PASSWORD_AUTH"]
  [[user_pools.users]]
  Username = "bench"
  Password = "Bench-Pass-123"

[[roles]]
RoleName = "bench-authenticated"
AssumeRolePolicyDocument = '''{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}'''
  [[roles.policies]]
  PolicyName = "invoke"
  PolicyDocument = '''{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:iam/*"}]}'''

[[identity_pools]]
IdentityPoolId = "$IPOOL"
IdentityPoolName = "bench"
AllowUnauthenticatedIdentities = false
CognitoIdentityProviders = [{ ProviderName = "cognito-idp.us-east-1.amazonaws.com/$POOL", ClientId = "$CLIENT" }]
Roles = { authenticated = "arn:aws:iam::000000000000:role/bench-authenticated" }
EOF
cat >"$WORK/incognito.toml" <<EOF
[server]
listen = "127.0.0.1:$API"
[database]
url = "sqlite://$WORK/bench.db?mode=rwc"
[security]
master_key_file = "$WORK/master.key"
[passwords]
preset = "fast"
[seed]
file = "$WORK/seed.toml"
[gateway]
listen = "127.0.0.1:$GATEWAY"
[[gateway.routes]]
name = "none"
path = "/none"
upstream = "http://127.0.0.1:$UPSTREAM"
authorizer = "none"
[[gateway.routes]]
name = "cognito"
path = "/cognito"
upstream = "http://127.0.0.1:$UPSTREAM"
authorizer = "cognito"
user_pool_id = "$POOL"
client_ids = ["$CLIENT"]
[[gateway.routes]]
name = "iam"
path = "/iam"
upstream = "http://127.0.0.1:$UPSTREAM"
authorizer = "iam"
EOF
mkdir -p "$WORK/nginx-tmp"
cat >"$WORK/nginx.conf" <<EOF
worker_processes 1;
pid $WORK/nginx.pid;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx-tmp/body; proxy_temp_path $WORK/nginx-tmp/proxy;
  fastcgi_temp_path $WORK/nginx-tmp/fastcgi; uwsgi_temp_path $WORK/nginx-tmp/uwsgi;
  scgi_temp_path $WORK/nginx-tmp/scgi;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$UPSTREAM;
    location / { return 200 "ok\n"; }
  }
}
EOF
if [ "$(id -u)" = 0 ]; then
  chown -R nobody "$WORK/nginx-tmp"; touch "$WORK/nginx-error.log"; chown nobody "$WORK/nginx-error.log"
  chmod 777 "$WORK"
  setpriv --reuid=nobody --regid=nogroup --clear-groups "$NGINX" -e "$WORK/nginx-error.log" -p "$WORK" -c "$WORK/nginx.conf" &
else
  "$NGINX" -e "$WORK/nginx-error.log" -p "$WORK" -c "$WORK/nginx.conf" &
fi
PIDS+=($!)
RUST_LOG=error "$BIN" serve --config "$WORK/incognito.toml" >"$WORK/server.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 150); do
  curl -fs "http://127.0.0.1:$API/health" >/dev/null 2>&1 && curl -fs "http://127.0.0.1:$UPSTREAM/" >/dev/null 2>&1 && break
  sleep 0.1
done

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
call() { # call TARGET JSON
  curl -fsS "http://127.0.0.1:$API/" -H "content-type: application/x-amz-json-1.1" -H "x-amz-target: $1" -d "$2"
}
TOKENS="$(call AWSCognitoIdentityProviderService.AdminInitiateAuth \
  "{\"UserPoolId\":\"$POOL\",\"ClientId\":\"$CLIENT\",\"AuthFlow\":\"ADMIN_USER_PASSWORD_AUTH\",\"AuthParameters\":{\"USERNAME\":\"bench\",\"PASSWORD\":\"Bench-Pass-123\"}}")"
ACCESS="$(json '["AuthenticationResult"]["AccessToken"]' <<<"$TOKENS")"
LOGINS="{\"cognito-idp.us-east-1.amazonaws.com/$POOL\":\"$(json '["AuthenticationResult"]["IdToken"]' <<<"$TOKENS")\"}"
IID="$(call AWSCognitoIdentityService.GetId "{\"IdentityPoolId\":\"$IPOOL\",\"Logins\":$LOGINS}" | json '["IdentityId"]')"
CREDS="$(call AWSCognitoIdentityService.GetCredentialsForIdentity "{\"IdentityId\":\"$IID\",\"Logins\":$LOGINS}")"
KEY="$(json '["Credentials"]["AccessKeyId"]' <<<"$CREDS")"
SECRET="$(json '["Credentials"]["SecretKey"]' <<<"$CREDS")"
TOKEN="$(json '["Credentials"]["SessionToken"]' <<<"$CREDS")"

wrk_run() { # wrk_run CONNECTIONS URL [AUTH]
  local threads=2; [ "$1" -lt 2 ] && threads=1
  AUTH="${3:-}" wrk -t"$threads" -c"$1" -d"${DURATION}s" -s bench/gateway.lua "$2" | tail -1
}
load_run() { # load_run CONNECTIONS URL [signed]
  if [ "${3:-}" = signed ]; then
    "$LOAD" --url "$2" --concurrency "$1" --duration "$DURATION" --key "$KEY" --secret "$SECRET" --token "$TOKEN"
  else
    "$LOAD" --url "$2" --concurrency "$1" --duration "$DURATION"
  fi
}
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }
line() { # line NAME RESULT [BASELINE_RESULT]
  local added=""
  [ -n "${3:-}" ] && added="added_p50_us=$(( $(field p50_us "$2") - $(field p50_us "$3") ))"
  printf '%-34s %s %s\n' "$1" "$2" "$added"
}

GW="http://127.0.0.1:$GATEWAY"
echo "machine: $(nproc) cores, $(awk '/model name/{$1=$2=$3="";print;exit}' /proc/cpuinfo | xargs), $(free -g | awk '/Mem/{print $2}') GiB"
echo "latency (1 connection, ${DURATION}s each):"
direct="$(wrk_run 1 "http://127.0.0.1:$UPSTREAM/none/x")"
line "  upstream directly (wrk)" "$direct"
line "  gateway, authorizer none (wrk)" "$(wrk_run 1 "$GW/none/x")" "$direct"
line "  gateway, cognito (wrk)" "$(wrk_run 1 "$GW/cognito/x" "Bearer $ACCESS")" "$direct"
direct_load="$(load_run 1 "http://127.0.0.1:$UPSTREAM/iam/x")"
line "  upstream directly (gateway-load)" "$direct_load"
line "  gateway, iam (gateway-load)" "$(load_run 1 "$GW/iam/x" signed)" "$direct_load"
echo "throughput ($CONNECTIONS connections, ${DURATION}s each):"
line "  upstream directly (wrk)" "$(wrk_run "$CONNECTIONS" "http://127.0.0.1:$UPSTREAM/none/x")"
line "  gateway, authorizer none (wrk)" "$(wrk_run "$CONNECTIONS" "$GW/none/x")"
line "  gateway, cognito (wrk)" "$(wrk_run "$CONNECTIONS" "$GW/cognito/x" "Bearer $ACCESS")"
line "  upstream directly (gateway-load)" "$(load_run "$CONNECTIONS" "http://127.0.0.1:$UPSTREAM/iam/x")"
line "  gateway, iam (gateway-load)" "$(load_run "$CONNECTIONS" "$GW/iam/x" signed)"
