#!/usr/bin/env bash
# Load benchmark of SRP sign-in: the release binary on SQLite, driven over loopback on this
# same machine by bench/srp (a Rust load generator using the aws-cognito-srp client crate),
# so client and server share the cores.
#
#   bench/srp.sh [seconds-per-scenario] [concurrency]     (defaults 10, 8)
#
# One line per argon2 preset (owasp, fast): full sign-ins per second (InitiateAuth
# USER_SRP_AUTH → RespondToAuthChallenge PASSWORD_VERIFIER → tokens), p50/p99 latency of a
# whole sign-in, errors, and CPU time per sign-in of the load generator (client_cpu_ms) and of
# the server (server_cpu_ms, from /proc/PID/stat), with server_alone ≈ cores / server_cpu_ms:
# the rate if the server had the machine to itself. SRP sign-in never runs argon2 (the
# verifier stands in for the password hash), so both presets should give the same figures.
# Then the ceilings (bench/ceilings): argon2id, RS256 and the SRP arithmetic alone.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
CONCURRENCY="${2:-8}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/incognito-target}"
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl; }
cargo build --release --quiet
(cd bench/srp && cargo build --release --quiet)
BIN="$CARGO_TARGET_DIR/release/incognito"
LOAD="$CARGO_TARGET_DIR/release/incognito-bench-srp"
PORT=9330
URL="http://127.0.0.1:$PORT"
WORK="$(mktemp -d)"
SERVER=
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT

start() { # start PRESET
  rm -rf "$WORK/db"; mkdir -p "$WORK/db"
  INCOGNITO_LISTEN="127.0.0.1:$PORT" DATABASE_URL="sqlite://$WORK/db/bench.db?mode=rwc" \
    INCOGNITO_PASSWORDS__PRESET="$1" INCOGNITO_SECURITY__MASTER_KEY_FILE="$WORK/db/master.key" \
    RUST_LOG=error "$BIN" serve >"$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 100); do curl -fs "$URL/health" >/dev/null 2>&1 && break; sleep 0.1; done
}

stop() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=; }

run() { # run PRESET
  start "$1"
  "$LOAD" --url "$URL" --concurrency "$CONCURRENCY" --duration "$DURATION" --server-pid "$SERVER" \
    --label "USER_SRP_AUTH sign-in ($1)" || { tail -20 "$WORK/server.log" >&2; exit 1; }
  stop
}

echo "machine: $(nproc) cores, $(awk '/model name/{$1=$2=$3="";print;exit}' /proc/cpuinfo | xargs), $(free -g | awk '/Mem/{print $2}') GiB"
run owasp
run fast
echo "ceilings (nothing else running, one thread per core):"
(cd bench/ceilings && cargo run --release --quiet)
