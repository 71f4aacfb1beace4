#!/usr/bin/env bash
# Runs the Node compatibility tests with Node's own test runner against an incognito server
# that is already running at $INCOGNITO_URL (default http://127.0.0.1:9229):
#   srp.test.mjs     amazon-cognito-identity-js (SRP sign-in),
#   hosted.test.mjs  the hosted sign-in pages in headless /usr/bin/chromium (playwright-core).
# Installs the pinned packages (package-lock.json) with `npm ci` when node_modules is missing or
# the lock file changed since the last install.
#
# Extra arguments go to node, e.g. `tests/compat/js/run.sh --test-name-pattern=temporary`.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
stamp="node_modules/.package-lock.sha256"

export INCOGNITO_URL="${INCOGNITO_URL:-http://127.0.0.1:9229}"

want="$(sha256sum package-lock.json | cut -d' ' -f1)"
have="$(cat "$stamp" 2>/dev/null || true)"
if [[ ! -d node_modules || "$want" != "$have" ]]; then
    echo "compat-js: npm ci (package-lock.json)" >&2
    npm ci --silent --no-audit --no-fund
    echo "$want" > "$stamp"
fi

exec node --test "$@" srp.test.mjs hosted.test.mjs
