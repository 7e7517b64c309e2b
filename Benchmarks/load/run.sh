#!/usr/bin/env bash
# Load benchmark of AuthBridge's HTTP front over loopback, with the Node.js peer in the same run.
#
#   Benchmarks/load/run.sh [DURATION] [CONNECTIONS]     (default 10s, 32)
#   STEPS=1 Benchmarks/load/run.sh ...                  also the code route cut after each step
#   THREADS=1 Benchmarks/load/run.sh ...                wrk's threads (default 2)
#
# Builds the LoadServer in release, starts it and the Node peer on 127.0.0.1, then drives with wrk, one
# target after the other: a bare Hummingbird /healthz (no front: the floor that prices the front), our
# /healthz, our Messenger code route, node /healthz, node token route.
# Needs: wrk (apt-get install -y wrk), node, pgrep (procps). Prints a table of requests/s, p50/p99
# latency and each server's CPU time per request (user + system from /proc; for Node, its primary and
# both workers). wrk shares the cores with the server, so requests/s also depends on how the kernel
# splits them; CPU per request does not, and prices the same work in both servers.
# To add another route, add a line to TARGETS (name, URL, optional wrk Lua script).
set -euo pipefail

DURATION="${1:-10s}"
CONNECTIONS="${2:-32}"
THREADS="${THREADS:-2}"
OUR_PORT="${OUR_PORT:-18080}"
NODE_PORT="${NODE_PORT:-18081}"
BARE_PORT="${BARE_PORT:-18082}"
JWT_COUNT="${JWT_COUNT:-1000}"
HERE="$(cd "$(dirname "$0")" && pwd)"
BENCH="$(cd "$HERE/.." && pwd)"
WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v node >/dev/null || { echo "node is missing" >&2; exit 1; }
command -v pgrep >/dev/null || { echo "pgrep is missing: apt-get install -y procps" >&2; exit 1; }

echo "== building LoadServer (release)"
swift build -c release --package-path "$BENCH" --product LoadServer ${SCRATCH:+--scratch-path "$SCRATCH"} >"$WORK/build.log" 2>&1 \
  || { tail -30 "$WORK/build.log"; exit 1; }
BIN="$(swift build -c release --package-path "$BENCH" --product LoadServer ${SCRATCH:+--scratch-path "$SCRATCH"} --show-bin-path)/LoadServer"

"$BIN" --print-jwts "$JWT_COUNT" >"$WORK/jwts.txt"
SECRET="zendesk-messaging-shared-secret-for-load-benchmarks-0123456789"

"$BIN" --port "$OUR_PORT" --bare-port "$BARE_PORT" ${STEPS:+--step-routes} >"$WORK/server.log" 2>&1 & PIDS+=($!)
OUR_PID=$!
node "$HERE/node-peer.js" "$NODE_PORT" "$SECRET" >"$WORK/node.log" 2>&1 & PIDS+=($!)
NODE_PID=$!

cpu_ticks() {  # PID: user + system clock ticks of the process and its children processes so far
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1" || true); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

wait_for() {
  for _ in $(seq 1 100); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "not answering: $1" >&2; exit 1
}
wait_for "http://127.0.0.1:$OUR_PORT/healthz"
wait_for "http://127.0.0.1:$NODE_PORT/healthz"
wait_for "http://127.0.0.1:$BARE_PORT/healthz"

# One request of each kind by hand first: a benchmark of 401s would measure nothing.
BODY="{\"credential\":\"$(head -1 "$WORK/jwts.txt")\",\"credentialKind\":\"messagingJWT\",\"widget\":\"messenger\",\"messenger\":{\"clientId\":\"genesys-messenger\",\"redirectUri\":\"https://shop.example.com/chat/callback\",\"nonce\":\"nonce-check-0123456789\"}}"
for port in "$OUR_PORT" "$NODE_PORT"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$BODY" "http://127.0.0.1:$port/authbridge/v1/session")
  [ "$status" = 200 ] || { echo "session route on port $port answered $status" >&2; exit 1; }
done

TARGETS=(
  "hummingbird bare /healthz|http://127.0.0.1:$BARE_PORT/healthz|"
  "authbridge /healthz|http://127.0.0.1:$OUR_PORT/healthz|"
)
if [ -n "${STEPS:-}" ]; then
  TARGETS+=(
    "step: body parsed|http://127.0.0.1:$OUR_PORT/load/parse|$HERE/session.lua"
    "step: JWT validated|http://127.0.0.1:$OUR_PORT/load/validate|$HERE/session.lua"
    "step: code issued|http://127.0.0.1:$OUR_PORT/load/issue|$HERE/session.lua"
  )
fi
TARGETS+=(
  "authbridge code route|http://127.0.0.1:$OUR_PORT/authbridge/v1/session|$HERE/session.lua"
  "node /healthz|http://127.0.0.1:$NODE_PORT/healthz|"
  "node token route|http://127.0.0.1:$NODE_PORT/authbridge/v1/session|$HERE/session.lua"
)

echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-26s | %12s | %9s | %9s | %8s | %12s |\n' target "requests/s" p50 p99 non-2xx "CPU µs/req"
printf '|%s|%s|%s|%s|%s|%s|\n' "----------------------------" "-------------:" "----------:" "----------:" "---------:" "-------------:"
for target in "${TARGETS[@]}"; do
  IFS='|' read -r name url script <<<"$target"
  args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency)
  [ -n "$script" ] && args+=(-s "$script")
  pid=$OUR_PID; [[ "$url" == *":$NODE_PORT/"* ]] && pid=$NODE_PID
  before=$(cpu_ticks "$pid")
  JWTS="$WORK/jwts.txt" wrk "${args[@]}" "$url" >"$WORK/wrk.out" 2>&1
  after=$(cpu_ticks "$pid")
  rps=$(awk '/^Requests\/sec/ {print $2}' "$WORK/wrk.out")
  p50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk.out")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.out")
  bad=$(awk '/Non-2xx or 3xx responses/ {print $5}' "$WORK/wrk.out")
  cpu=$(awk -v ticks="$((after - before))" -v hz="$(getconf CLK_TCK)" '/requests in/ && $1 > 0 {printf "%.1f", ticks * 1e6 / hz / $1}' "$WORK/wrk.out")
  printf '| %-26s | %12s | %9s | %9s | %8s | %12s |\n' "$name" "$rps" "$p50" "$p99" "${bad:-0}" "$cpu"
  cp "$WORK/wrk.out" "$WORK/$(echo "$name" | tr ' /' '__').wrk"
done
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
