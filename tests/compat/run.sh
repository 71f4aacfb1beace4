#!/usr/bin/env bash
# Runs the boto3 compatibility suite (tests/compat) against an incognito server that is
# already running at $INCOGNITO_URL (default http://127.0.0.1:9229).
#
#   INCOGNITO_URL                        server endpoint
#   INCOGNITO_ADMIN_ACCESS_KEY_ID        admin SigV4 credentials (defaults: AWS's documented
#   INCOGNITO_ADMIN_SECRET_ACCESS_KEY     example key pair)
#   INCOGNITO_VENV                       venv location (default ~/.cache/incognito-venv)
#   INCOGNITO_PYTHON                     interpreter used to create the venv (default python3)
#
# Extra arguments go to pytest, e.g. `tests/compat/run.sh -k groups -x`.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="${INCOGNITO_VENV:-$HOME/.cache/incognito-venv}"
requirements="$here/requirements.txt"
stamp="$venv/.requirements.sha256"

export INCOGNITO_URL="${INCOGNITO_URL:-http://127.0.0.1:9229}"

if [[ ! -x "$venv/bin/python" ]]; then
    echo "compat: creating venv in $venv" >&2
    "${INCOGNITO_PYTHON:-python3}" -m venv "$venv"
    rm -f "$stamp"
fi

want="$(sha256sum "$requirements" | cut -d' ' -f1)"
have="$(cat "$stamp" 2>/dev/null || true)"
if [[ "$want" != "$have" ]]; then
    echo "compat: installing $(basename "$requirements") into $venv" >&2
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    echo "$want" > "$stamp"
fi

# Keep ambient AWS configuration from leaking into boto3: the suite passes endpoint,
# region and credentials explicitly, and a stray profile or config file must not interfere.
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ENDPOINT_URL AWS_ENDPOINT_URL_COGNITO_IDP
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null

cd "$repo"
exec "$venv/bin/python" -m pytest -q -p no:cacheprovider tests/compat "$@"
