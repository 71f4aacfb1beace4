#!/usr/bin/env bash
# nginx `auth_request` in front of a tiny upstream, asking incognito's forward-auth endpoint
# (GET /_incognito/authorize on the gateway listener) about every request. The nginx config
# written below is the snippet documented in the README ("Forward-auth").
#
#   tests/gateway/nginx.sh            (needs nginx, curl, python3; builds the debug binary)
#
# nginx runs from a temp directory as an unprivileged user (nobody, when this script runs as
# root) on loopback ports; nothing outside the temp directory is touched.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/incognito-target}"

NGINX="$(command -v nginx || true)"
[ -z "$NGINX" ] && [ -x /usr/sbin/nginx ] && NGINX=/usr/sbin/nginx
if [ -z "$NGINX" ]; then
  echo "nginx is not installed (apt-get install nginx)" >&2
  exit 1
fi
BIN="$CARGO_TARGET_DIR/debug/incognito"
[ -x "$BIN" ] || cargo build --quiet

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
API_PORT="$(free_port)"; GW_PORT="$(free_port)"; UP_PORT="$(free_port)"; NGINX_PORT="$(free_port)"
WORK="$(mktemp -d)"
chmod 755 "$WORK"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  for log in server.log nginx-error.log upstream.log; do
    [ -f "$WORK/$log" ] && { echo "--- $log" >&2; tail -20 "$WORK/$log" >&2; }
  done
  exit 1
}

POOL="us-east-1_NginxTest1"
CLIENT="nginxtestclient00000000000"
cat >"$WORK/seed.toml" <<EOF
[[user_pools]]
Id = "$POOL"
PoolName = "nginx"
  [[user_pools.clients]]
  ClientId = "$CLIENT"
  ClientName = "web"
  ExplicitAuthFlows = ["ALLOW_ADMIN_USER_PASSWORD_AUTH"]
  [[user_pools.groups]]
  GroupName = "admins"
  [[user_pools.users]]
  Username = "alice"
  Password = "Correct-Horse-9"
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

[gateway]
listen = "127.0.0.1:$GW_PORT"

[[gateway.routes]]
name = "orders"
path = "/orders"
upstream = "http://127.0.0.1:$UP_PORT"
authorizer = "cognito"
user_pool_id = "$POOL"
client_ids = ["$CLIENT"]

[[gateway.routes]]
name = "admin"
path = "/admin"
upstream = "http://127.0.0.1:$UP_PORT"
authorizer = "cognito"
user_pool_id = "$POOL"
groups = ["admins"]
EOF

# The upstream: answers with the path and the identity headers it received.
cat >"$WORK/upstream.py" <<'EOF'
import http.server, json, sys
class Echo(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"path": self.path,
                           "sub": self.headers.get_all("X-Incognito-Sub") or [],
                           "username": self.headers.get("X-Incognito-Username")}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Echo).serve_forever()
EOF
python3 "$WORK/upstream.py" "$UP_PORT" >"$WORK/upstream.log" 2>&1 &
PIDS+=($!)

RUST_LOG=warn "$BIN" serve --config "$WORK/incognito.toml" >"$WORK/server.log" 2>&1 &
PIDS+=($!)

# --- the documented nginx snippet (README "Forward-auth"), plus what a temp dir needs ---
mkdir -p "$WORK/nginx-tmp"
cat >"$WORK/nginx.conf" <<EOF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
daemon off;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx-tmp/body;
  proxy_temp_path $WORK/nginx-tmp/proxy;
  fastcgi_temp_path $WORK/nginx-tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx-tmp/uwsgi;
  scgi_temp_path $WORK/nginx-tmp/scgi;

  server {
    listen 127.0.0.1:$NGINX_PORT;

    location / {
      auth_request /_incognito_authorize;
      # The identity incognito verified, copied from the forward-auth answer.
      auth_request_set \$incognito_sub \$upstream_http_x_incognito_sub;
      auth_request_set \$incognito_username \$upstream_http_x_incognito_username;
      auth_request_set \$incognito_groups \$upstream_http_x_incognito_groups;
      auth_request_set \$incognito_client_id \$upstream_http_x_incognito_client_id;
      auth_request_set \$incognito_scopes \$upstream_http_x_incognito_scopes;
      auth_request_set \$incognito_claims \$upstream_http_x_incognito_claims;
      # proxy_set_header replaces whatever the client sent under these names.
      proxy_set_header X-Incognito-Sub \$incognito_sub;
      proxy_set_header X-Incognito-Username \$incognito_username;
      proxy_set_header X-Incognito-Groups \$incognito_groups;
      proxy_set_header X-Incognito-Client-Id \$incognito_client_id;
      proxy_set_header X-Incognito-Scopes \$incognito_scopes;
      proxy_set_header X-Incognito-Claims \$incognito_claims;
      proxy_pass http://127.0.0.1:$UP_PORT;
    }

    location = /_incognito_authorize {
      internal;
      proxy_pass http://127.0.0.1:$GW_PORT/_incognito/authorize;
      proxy_pass_request_body off;
      proxy_set_header Content-Length "";
      proxy_set_header X-Original-URI \$request_uri;
      proxy_set_header X-Forwarded-Method \$request_method;
      proxy_set_header X-Forwarded-Host \$host;
    }
  }
}
EOF
if [ "$(id -u)" = 0 ]; then
  chown -R nobody "$WORK/nginx-tmp"
  touch "$WORK/nginx-error.log" && chown nobody "$WORK/nginx-error.log"
  chmod 777 "$WORK"   # for nginx.pid, written by the unprivileged master
  setpriv --reuid=nobody --regid=nogroup --clear-groups \
    "$NGINX" -e "$WORK/nginx-error.log" -p "$WORK" -c "$WORK/nginx.conf" &
else
  "$NGINX" -e "$WORK/nginx-error.log" -p "$WORK" -c "$WORK/nginx.conf" &
fi
PIDS+=($!)

ready() { curl -s -o /dev/null "$1"; }
for _ in $(seq 1 150); do
  ready "http://127.0.0.1:$API_PORT/health" && ready "http://127.0.0.1:$GW_PORT/" &&
    ready "http://127.0.0.1:$NGINX_PORT/" && ready "http://127.0.0.1:$UP_PORT/" && break
  sleep 0.1
done

TOKEN="$(curl -fsS "http://127.0.0.1:$API_PORT/" -H 'content-type: application/x-amz-json-1.1' \
  -H 'x-amz-target: AWSCognitoIdentityProviderService.AdminInitiateAuth' \
  -d "{\"UserPoolId\":\"$POOL\",\"ClientId\":\"$CLIENT\",\"AuthFlow\":\"ADMIN_USER_PASSWORD_AUTH\",\"AuthParameters\":{\"USERNAME\":\"alice\",\"PASSWORD\":\"Correct-Horse-9\"}}" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["AuthenticationResult"]["AccessToken"])')" ||
  fail "could not sign in"

status() { curl -s -o "$WORK/body" -w '%{http_code}' "$@"; }
URL="http://127.0.0.1:$NGINX_PORT"

code="$(status "$URL/orders/1")"
[ "$code" = 401 ] || fail "no token: expected 401, got $code"
code="$(status "$URL/orders/1" -H "Authorization: Bearer not.a.token")"
[ "$code" = 401 ] || fail "bad token: expected 401, got $code"
code="$(status "$URL/admin" -H "Authorization: Bearer $TOKEN")"
[ "$code" = 403 ] || fail "not in the group: expected 403, got $code"
code="$(status "$URL/orders/1?x=1" -H "Authorization: Bearer $TOKEN" -H "X-Incognito-Sub: spoofed")"
[ "$code" = 200 ] || fail "valid token: expected 200, got $code"
python3 - "$WORK/body" "$TOKEN" <<'EOF' || fail "upstream did not get the verified identity: $(cat "$WORK/body")"
import base64, json, sys
echo = json.load(open(sys.argv[1]))
payload = sys.argv[2].split(".")[1]
claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
assert echo["path"] == "/orders/1?x=1", echo
assert echo["sub"] == [claims["sub"]], echo
assert echo["username"] == "alice", echo
EOF
echo "nginx auth_request against /_incognito/authorize: 401, 401, 403, 200 with identity: ok"
