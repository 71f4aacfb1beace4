#!/usr/bin/env bash
# Amplify JS v6 signInWithRedirect through incognito's hosted login in headless chromium
# (amplify.test.mjs), against an incognito server already running at $INCOGNITO_URL (default
# http://127.0.0.1:9229).
#
# Amplify always builds https://${oauth.domain}/oauth2/…, so this script puts nginx in front of
# incognito as a TLS terminator: a self-signed certificate for localhost made with openssl, a
# private config in a temp prefix (no root daemon config), proxying to $INCOGNITO_URL with
# Host and X-Forwarded-Proto: https. The app (app.js) is bundled with esbuild into dist/app.js.
#
#   INCOGNITO_URL=http://127.0.0.1:9229 tests/compat/amplify/run.sh
#
# Needs node (>= 20), npm, nginx, openssl and /usr/bin/chromium; fails (does not skip) without.
# Installs the pinned packages (package-lock.json) with `npm ci` when node_modules is missing or
# the lock file changed since the last install. Extra arguments go to node.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

export INCOGNITO_URL="${INCOGNITO_URL:-http://127.0.0.1:9229}"
INCOGNITO_URL="${INCOGNITO_URL%/}"

NGINX="$(command -v nginx || true)"
[ -z "$NGINX" ] && [ -x /usr/sbin/nginx ] && NGINX=/usr/sbin/nginx
[ -n "$NGINX" ] || { echo "compat-amplify: nginx is not installed (apt-get install nginx)" >&2; exit 1; }
command -v openssl >/dev/null || { echo "compat-amplify: openssl is not installed" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "compat-amplify: /usr/bin/chromium is missing (apt-get install chromium)" >&2; exit 1; }

stamp="node_modules/.package-lock.sha256"
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
have="$(cat "$stamp" 2>/dev/null || true)"
if [[ ! -d node_modules || "$want" != "$have" ]]; then
    echo "compat-amplify: npm ci (package-lock.json)" >&2
    npm ci --silent --no-audit --no-fund
    echo "$want" > "$stamp"
fi

node_modules/.bin/esbuild app.js --bundle --format=iife --platform=browser --target=chrome110 \
    --outfile=dist/app.js --log-level=warning

WORK="$(mktemp -d)"
chmod 755 "$WORK"
NGINX_PID=
cleanup() {
    if [ -n "$NGINX_PID" ]; then
        kill "$NGINX_PID" 2>/dev/null || true
        wait "$NGINX_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

TLS_PORT="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \
    -keyout "$WORK/tls.key" -out "$WORK/tls.crt" 2>/dev/null

mkdir -p "$WORK/nginx-tmp"
cat >"$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
daemon off;
events { worker_connections 64; }
http {
  access_log $WORK/nginx-access.log;
  client_body_temp_path $WORK/nginx-tmp/body;
  proxy_temp_path $WORK/nginx-tmp/proxy;
  fastcgi_temp_path $WORK/nginx-tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx-tmp/uwsgi;
  scgi_temp_path $WORK/nginx-tmp/scgi;

  server {
    listen 127.0.0.1:$TLS_PORT ssl;
    server_name localhost;
    ssl_certificate $WORK/tls.crt;
    ssl_certificate_key $WORK/tls.key;

    location / {
      proxy_pass $INCOGNITO_URL;
      # incognito builds its redirect URLs from these.
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-Host \$http_host;
      proxy_set_header X-Forwarded-Proto https;
      proxy_set_header X-Forwarded-For \$remote_addr;
    }
  }
}
CONF

if [ "$(id -u)" = 0 ]; then
    chown -R nobody "$WORK/nginx-tmp"
    touch "$WORK/nginx-error.log" "$WORK/nginx-access.log"
    chown nobody "$WORK/nginx-error.log" "$WORK/nginx-access.log" "$WORK/tls.key"
    chmod 777 "$WORK"   # for nginx.pid, written by the unprivileged master
    setpriv --reuid=nobody --regid=nogroup --clear-groups \
        "$NGINX" -e "$WORK/nginx-error.log" -p "$WORK" -c "$WORK/nginx.conf" &
else
    "$NGINX" -e "$WORK/nginx-error.log" -p "$WORK" -c "$WORK/nginx.conf" &
fi
NGINX_PID=$!

up=
for _ in $(seq 1 100); do
    if curl -sk -o /dev/null "https://localhost:$TLS_PORT/health"; then up=1; break; fi
    kill -0 "$NGINX_PID" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$up" ]; then
    echo "compat-amplify: nginx (TLS on $TLS_PORT → $INCOGNITO_URL) did not come up" >&2
    cat "$WORK/nginx-error.log" >&2 || true
    exit 1
fi
code="$(curl -sk -o /dev/null -w '%{http_code}' "https://localhost:$TLS_PORT/health")"
[ "$code" = 200 ] || { echo "compat-amplify: https://localhost:$TLS_PORT/health → $code (is incognito running at $INCOGNITO_URL?)" >&2; exit 1; }

export AMPLIFY_TLS_PORT="$TLS_PORT"
status=0
node --test "$@" amplify.test.mjs || status=$?
if [ "$status" != 0 ]; then
    echo "--- nginx access log" >&2; tail -40 "$WORK/nginx-access.log" >&2 || true
    echo "--- nginx error log" >&2; tail -20 "$WORK/nginx-error.log" >&2 || true
fi
exit "$status"
