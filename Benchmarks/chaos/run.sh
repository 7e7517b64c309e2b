#!/usr/bin/env bash
# The chaos soak: two `authbridge serve` replicas on one `redis-server` against `authbridge emulate`, all
# on 127.0.0.1, under steady load on every route while faults are injected in turn (README.md here).
#
#   Benchmarks/chaos/run.sh [SECONDS_PER_SEGMENT]      (default 20: each fault, and each recovery after it)
#
#   AUTHBRIDGE_BIN=…       the authbridge binary (default: .build-release/release/authbridge of this checkout,
#                          made by swift build -c release --product authbridge --scratch-path .build-release)
#   RESULTS=FILE           where the markdown table goes (default: Benchmarks/chaos/results.md)
#   LOGS=DIR               also copy the logs of serve, emulate and redis there (kept 0700; the run checks them for secrets)
#   MESSENGER_WORKERS=6, OIDC_WORKERS=2, CUSTOMERS_PER_PHASE=150   the load
#   TOKEN_LIFETIME=300     the Genesys token's lifetime in seconds (300, Genesys's shortest, puts the token
#                          endpoint's outage over the first token's refresh; 300-172800)
#
# Every secret is fresh per run, in a temporary directory (mode 0700) removed at exit with every process.
# Exits 2 when a failure, a duplicate, a lost line or a secret in a log was counted.
# Needs: python3, redis-server.
set -euo pipefail

SECONDS_PER_SEGMENT="${1:-20}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
AUTHBRIDGE_BIN="${AUTHBRIDGE_BIN:-$ROOT/.build-release/release/authbridge}"
RESULTS="${RESULTS:-$HERE/results.md}"

for tool in python3 redis-server; do command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }; done
[ -x "$AUTHBRIDGE_BIN" ] || {
  echo "no authbridge binary at $AUTHBRIDGE_BIN: swift build -c release --product authbridge --scratch-path .build-release, or set AUTHBRIDGE_BIN" >&2
  exit 1
}

umask 077
WORK="$(mktemp -d)"
chmod 700 "$WORK"
DRIVER=""
cleanup() {
  # The driver stops its children; whatever survives it (an interrupted run) is stopped here, by pid.
  if [ -n "$DRIVER" ]; then kill "$DRIVER" 2>/dev/null || true; wait "$DRIVER" 2>/dev/null || true; fi
  if [ -f "$WORK/pids" ]; then
    # Only processes still leading the group the driver started (start_new_session): a pid of a process
    # that ended long ago (Redis before its restart, replica B) may belong to something else by now.
    ours() { [ "$(ps -o pgid= -p "$1" 2>/dev/null | tr -d ' ')" = "$1" ]; }
    while read -r pid; do if ours "$pid"; then kill -CONT -- "-$pid" 2>/dev/null || true; kill -- "-$pid" 2>/dev/null || true; fi; done <"$WORK/pids"
    sleep 1
    while read -r pid; do if ours "$pid"; then kill -9 -- "-$pid" 2>/dev/null || true; fi; done <"$WORK/pids"
  fi
  if [ -n "${LOGS:-}" ]; then
    # Created 0700 here; an existing directory is used only if it is ours and private (never chmod'ed).
    if [ ! -e "$LOGS" ]; then mkdir -m 700 "$LOGS"; fi
    if [ -d "$LOGS" ] && [ -O "$LOGS" ] && [ "$(stat -c %a "$LOGS")" = 700 ]; then
      cp "$WORK"/*.log "$LOGS"/ 2>/dev/null || true
    else
      echo "LOGS=$LOGS is not a private (0700) directory of ours: logs not copied" >&2
    fi
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "== $AUTHBRIDGE_BIN (built $(date -u -r "$AUTHBRIDGE_BIN" +%FT%TZ)), checkout at $commit; $(nproc) cores; $(redis-server --version | cut -d' ' -f3)"
python3 "$HERE/soak.py" --work "$WORK" --bin "$AUTHBRIDGE_BIN" --phase-seconds "$SECONDS_PER_SEGMENT" --results "$RESULTS" \
  --messenger-workers "${MESSENGER_WORKERS:-6}" --oidc-workers "${OIDC_WORKERS:-2}" --customers-per-phase "${CUSTOMERS_PER_PHASE:-150}" \
  --token-lifetime "${TOKEN_LIFETIME:-300}" &
DRIVER=$!
status=0
wait "$DRIVER" || status=$?
DRIVER=""
echo "== results in $RESULTS"
exit "$status"
