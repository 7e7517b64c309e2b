#!/usr/bin/env bash
# A/B of two LoadServer builds on the same machine state: alternates them ROUNDS times, each time driving
# our /healthz and then the code route with wrk, and prints requests/s, p99 and the server's CPU time per
# request (from /proc/<pid>/stat), which holds up better than throughput on a shared machine.
#
#   Benchmarks/load/compare.sh OLD_LOADSERVER NEW_LOADSERVER [ROUNDS]    (DURATION=8s CONNECTIONS=32 THREADS=2)
#
# Build each side with `swift build -c release --package-path Benchmarks --product LoadServer` at the
# commit to compare and copy the binary aside. Needs wrk.
set -euo pipefail

OLD="$1"; NEW="$2"; ROUNDS="${3:-3}"
DURATION="${DURATION:-8s}"; CONNECTIONS="${CONNECTIONS:-32}"; THREADS="${THREADS:-2}"; PORT="${PORT:-18090}"
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
"$NEW" --print-jwts 1000 >"$WORK/jwts.txt"

measure() {  # PID URL [wrk args...]: one line of figures
  local pid=$1 url=$2; shift 2
  local before after
  before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  JWTS="$WORK/jwts.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url" >"$WORK/wrk.out"
  after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  awk -v ticks="$((after - before))" -v hz="$(getconf CLK_TCK)" '
    /requests in/ {n = $1} /^Requests\/sec/ {r = $2} $1 == "99%" {p = $2} /Non-2xx/ {bad = $5}
    END {printf "%9.0f/s  p99 %-8s %5.1f us CPU/request%s", r, p, (n ? ticks * 1e6 / hz / n : 0), (bad ? "  non-2xx " bad : "")}' "$WORK/wrk.out"
}

printf '%-5s %-5s | %-44s | %s\n' round build "/healthz" "code route"
for round in $(seq 1 "$ROUNDS"); do
  for side in old new; do
    bin=$OLD; [ "$side" = new ] && bin=$NEW
    "$bin" --port "$PORT" >/dev/null 2>&1 & pid=$!
    for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
    healthz=$(measure "$pid" "http://127.0.0.1:$PORT/healthz")
    code=$(measure "$pid" "http://127.0.0.1:$PORT/authbridge/v1/session" -s "$HERE/session.lua")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    printf '%-5s %-5s | %s | %s\n' "$round" "$side" "$healthz" "$code"
  done
done
