#!/usr/bin/env bash
# The Messenger flow under JMeter, headless: `authbridge serve` against `authbridge emulate`, both on 127.0.0.1.
#
#   Benchmarks/load/jmeter/run.sh [DURATION_SECONDS] [THREADS]     (default 60, 16)
#
#   AUTHBRIDGE_BIN=…     the authbridge binary (default: the release build in .build-release, made by
#                        swift build -c release --product authbridge --scratch-path .build-release)
#   WARMUP=10            seconds of the same plan first, reported apart and not counted (0: none)
#   FLOOR_DURATION=…     seconds of the /healthz floor after the flow (default DURATION; 0: none)
#   JWT_COUNT=2000       customers in the CSV (one Messaging JWT each; threads cycle through them)
#   RAMPUP=2             seconds to start all threads
#   ACCESS_LOG_LEVEL=…   serve's server.accessLogLevel (trace, debug, info, notice, warning; unset: serve's default,
#                        info, one line per request to a file); debug or trace turns the access log off
#   OIDC_ALGORITHM=RS256 the OpenID provider's signing algorithm (oidc.algorithm): RS256, PS256, ES256 or ES384
#                        (the emulated Genesys verifies no EdDSA ID token)
#   JMETER=…             a jmeter command to use as it is (for example a newer Apache JMeter); by default
#                        Debian's JMeter 2.13 is started through JMeterLauncher.java (see there why)
#   RESULTS=DIR          also copy the .jtl results and the report there (never the CSV, keys or config)
#
# What it does: writes a seed for `authbridge emulate` (a Genesys client, a Messenger deployment allowing
# shop.example.com whose OpenID integration points at AuthBridge's issuer) and a config for `authbridge
# serve` (genesys.baseURL and zendesk.baseURL at the emulators, the OpenID provider on the serve port with
# fresh OIDC_ALGORITHM keys, a Messaging signing key, the data action credential), every secret fresh per run in a
# temporary directory (mode 0700) that is removed at exit; starts both and waits for /readyz; runs one flow
# by hand with curl (a benchmark of 401s measures nothing); generates the CSV of JWTs; then runs plan.jmx
# (warm-up, then the measured run) and floor.jmx, and prints per step samples, errors, requests/s and
# p50/p90/p99, plus the CPU time of serve, emulate and JMeter over each measured run. Exits 2 when the
# measured run had errors.
# Needs: python3, curl, java and javac (JDK 17), jmeter (apt-get install -y jmeter).
set -euo pipefail

DURATION="${1:-60}"
THREADS="${2:-16}"
WARMUP="${WARMUP:-10}"
FLOOR_DURATION="${FLOOR_DURATION:-$DURATION}"
JWT_COUNT="${JWT_COUNT:-2000}"
RAMPUP="${RAMPUP:-2}"
OIDC_ALGORITHM="${OIDC_ALGORITHM:-RS256}"
ACCESS_LOG_LEVEL="${ACCESS_LOG_LEVEL:-}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
AUTHBRIDGE_BIN="${AUTHBRIDGE_BIN:-$ROOT/.build-release/release/authbridge}"
JMETER_HOME="${JMETER_HOME:-/usr/share/jmeter}"

# Not secrets: the names a real site and Genesys organization would configure.
ORIGIN="https://shop.example.com"
REDIRECT_URI="https://shop.example.com/chat/callback"
CLIENT_ID="genesys-messenger"
DEPLOYMENT_ID="load-deployment"
MESSAGING_KID="app_load"
GENESYS_CLIENT_ID="load-client"
DATA_ACTION_USER="genesys-data-actions"

PIDS=()
WORK="$(mktemp -d)"
chmod 700 "$WORK"
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
umask 077

for tool in python3 curl java; do command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }; done
[ -x "$AUTHBRIDGE_BIN" ] || {
  echo "no authbridge binary at $AUTHBRIDGE_BIN: swift build -c release --product authbridge --scratch-path .build-release, or set AUTHBRIDGE_BIN" >&2
  exit 1
}
if [ -n "${JMETER:-}" ]; then
  JMETER_CMD=("$JMETER")
else
  [ -f "$JMETER_HOME/bin/ApacheJMeter.jar" ] || { echo "JMeter is missing: apt-get install -y jmeter (or set JMETER)" >&2; exit 1; }
  command -v javac >/dev/null || { echo "javac is missing (a JDK): it compiles JMeterLauncher.java" >&2; exit 1; }
  mkdir -p "$WORK/launcher"
  javac -d "$WORK/launcher" "$HERE/JMeterLauncher.java"
  JMETER_CMD=(java -Djmeter.home="$JMETER_HOME" -cp "$WORK/launcher:$JMETER_HOME/bin/ApacheJMeter.jar" JMeterLauncher)
fi

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
random_secret() { python3 -c 'import secrets; print(secrets.token_urlsafe(36))'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
rss() { awk '/VmRSS/ {print $2, $3}' "/proc/$1/status"; }
json_get() { python3 -c 'import json, sys; print(json.load(sys.stdin).get(sys.argv[1], ""))' "$1"; }

SERVE_PORT="${SERVE_PORT:-$(free_port)}"
ISSUER="http://127.0.0.1:$SERVE_PORT"
random_secret >"$WORK/messaging.secret"
random_secret >"$WORK/oidc-client.secret"
random_secret >"$WORK/genesys-client.secret"
random_secret >"$WORK/data-action.secret"
"$AUTHBRIDGE_BIN" keys generate --algorithm "$OIDC_ALGORITHM" --key-id load-1 --output "$WORK/signing-1.pem" >/dev/null
"$AUTHBRIDGE_BIN" keys generate --algorithm "$OIDC_ALGORITHM" --key-id load-2 --output "$WORK/signing-2.pem" >/dev/null

# The emulated Genesys organization. rateLimitPerToken is the emulator's per-token platform limit
# (Genesys's is 300 a minute): set to its maximum so that the run measures throughput, not the limit.
WORK="$WORK" ISSUER="$ISSUER" CLIENT_ID="$CLIENT_ID" DEPLOYMENT_ID="$DEPLOYMENT_ID" GENESYS_CLIENT_ID="$GENESYS_CLIENT_ID" python3 - <<'EOF'
import json, os
work = os.environ["WORK"]
read = lambda name: open(os.path.join(work, name)).read().strip()
seed = {"genesys": {
    "clients": [{"id": os.environ["GENESYS_CLIENT_ID"], "secret": read("genesys-client.secret")}],
    "rateLimitPerToken": 1000000000,
    "openIDIntegrations": [{"id": "oidc-integration", "discoveryURI": os.environ["ISSUER"] + "/.well-known/openid-configuration",
                            "clientId": os.environ["CLIENT_ID"], "clientSecret": read("oidc-client.secret")}],
    "deployments": [{"id": os.environ["DEPLOYMENT_ID"], "allowedDomains": ["shop.example.com"], "authenticationIntegrationId": "oidc-integration"}],
}}
json.dump(seed, open(os.path.join(work, "seed.json"), "w"), indent=1)
EOF

"$AUTHBRIDGE_BIN" emulate --seed "$WORK/seed.json" --json >"$WORK/emulate.out" 2>"$WORK/emulate.err" & PIDS+=($!)
EMULATE_PID=$!
for _ in $(seq 1 100); do [ -s "$WORK/emulate.out" ] && break; sleep 0.1; done
[ -s "$WORK/emulate.out" ] || { echo "authbridge emulate did not start:" >&2; cat "$WORK/emulate.err" >&2; exit 1; }
GENESYS_URL="$(head -1 "$WORK/emulate.out" | json_get genesys)"
ZENDESK_URL="$(head -1 "$WORK/emulate.out" | json_get zendesk)"
CONTROL_URL="$(head -1 "$WORK/emulate.out" | json_get control)"

# AuthBridge. server.rateLimitPerMinute is the per-address limit (default 600); every request here comes
# from 127.0.0.1 (JMeter and the emulated Genesys alike), so it is set to its maximum so that the run
# measures throughput (the data action route and /healthz are exempt anyway).
WORK="$WORK" SERVE_PORT="$SERVE_PORT" ISSUER="$ISSUER" GENESYS_URL="$GENESYS_URL" ZENDESK_URL="$ZENDESK_URL" ORIGIN="$ORIGIN" \
  REDIRECT_URI="$REDIRECT_URI" CLIENT_ID="$CLIENT_ID" DEPLOYMENT_ID="$DEPLOYMENT_ID" MESSAGING_KID="$MESSAGING_KID" \
  GENESYS_CLIENT_ID="$GENESYS_CLIENT_ID" DATA_ACTION_USER="$DATA_ACTION_USER" OIDC_ALGORITHM="$OIDC_ALGORITHM" \
  ACCESS_LOG_LEVEL="$ACCESS_LOG_LEVEL" python3 - <<'EOF'
import json, os
env, work = os.environ, os.environ["WORK"]
read = lambda name: open(os.path.join(work, name)).read().strip()
config = {
    "server": {"host": "127.0.0.1", "port": int(env["SERVE_PORT"]), "allowedOrigins": env["ORIGIN"], "rateLimitPerMinute": 1000000},
    "zendesk": {"baseURL": env["ZENDESK_URL"], "messaging": {"keyId": env["MESSAGING_KID"], "secret": read("messaging.secret")}},
    "genesys": {
        "baseURL": env["GENESYS_URL"],
        "client": {"id": env["GENESYS_CLIENT_ID"], "secret": read("genesys-client.secret")},
        "dataAction": {"userName": env["DATA_ACTION_USER"], "secret": read("data-action.secret")},
        "messenger": {"deploymentId": env["DEPLOYMENT_ID"]},
    },
    "oidc": {
        "issuer": env["ISSUER"],
        "client": {"id": env["CLIENT_ID"], "secret": read("oidc-client.secret")},
        "redirectUris": [env["REDIRECT_URI"]],
        "signingKey": open(os.path.join(work, "signing-1.pem")).read(), "signingKeyId": "load-1",
        "nextSigningKey": open(os.path.join(work, "signing-2.pem")).read(), "nextSigningKeyId": "load-2",
        "algorithm": env["OIDC_ALGORITHM"],
    },
}
if env["ACCESS_LOG_LEVEL"]:
    config["server"]["accessLogLevel"] = env["ACCESS_LOG_LEVEL"]
json.dump(config, open(os.path.join(work, "authbridge.json"), "w"), indent=1)
EOF

# The access log (one line per request at info, the default server.accessLogLevel) goes to a file, as a
# deployment's would.
"$AUTHBRIDGE_BIN" serve --config "$WORK/authbridge.json" >"$WORK/serve.log" 2>&1 & PIDS+=($!)
SERVE_PID=$!
ready=""
for _ in $(seq 1 200); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$ISSUER/readyz" || true)" = 200 ] && { ready=1; break; }
  kill -0 "$SERVE_PID" 2>/dev/null || break
  sleep 0.1
done
[ -n "$ready" ] || { echo "authbridge serve is not ready:" >&2; tail -20 "$WORK/serve.log" >&2; exit 1; }

python3 "$HERE/make_jwts.py" --secret-file "$WORK/messaging.secret" --kid "$MESSAGING_KID" --count "$JWT_COUNT" --output "$WORK/jwts.csv"
printf 'Basic %s' "$(printf '%s:%s' "$DATA_ACTION_USER" "$(cat "$WORK/data-action.secret")" | base64 -w0)" >"$WORK/data-action.authorization"

# One flow by hand first, with the same requests as the plan.
WORK="$WORK" ISSUER="$ISSUER" GENESYS_URL="$GENESYS_URL" CONTROL_URL="$CONTROL_URL" ORIGIN="$ORIGIN" REDIRECT_URI="$REDIRECT_URI" \
  CLIENT_ID="$CLIENT_ID" DEPLOYMENT_ID="$DEPLOYMENT_ID" python3 - <<'EOF' || { echo "the flow failed by hand; serve's log:" >&2; tail -20 "$WORK/serve.log" >&2; exit 1; }
import json, os, subprocess, sys, uuid
env, work = os.environ, os.environ["WORK"]
subject, jwt = open(os.path.join(work, "jwts.csv")).readline().strip().split(",", 1)
authorization = open(os.path.join(work, "data-action.authorization")).read()

def post(url, body, headers):
    # curl reads the headers and the body from stdin-free files so that no credential is on a command line.
    with open(os.path.join(work, "curl.body"), "w") as file:
        json.dump(body, file)
    with open(os.path.join(work, "curl.headers"), "w") as file:
        file.write("".join(f"{name}: {value}\n" for name, value in headers.items()))
    out = subprocess.run(["curl", "-s", "-H", "@" + os.path.join(work, "curl.headers"), "--data-binary", "@" + os.path.join(work, "curl.body"),
                          "-w", "\n%{http_code}", url], capture_output=True, text=True, check=True).stdout
    text, _, status = out.rpartition("\n")
    try:
        return int(status), json.loads(text) if text else {}
    except json.JSONDecodeError:
        return int(status), {}

def expect(step, status, reply, wanted, check):
    if status != wanted or not check(reply):
        # Only what is safe to show: the status and the error members, never a token.
        shown = {key: reply.get(key) for key in ("error", "correlationId", "code", "message", "status") if key in reply}
        print(f"by hand: {step} answered {status} {shown}", file=sys.stderr)
        sys.exit(1)
    print(f"by hand: {step}: {status}")

page = {"Content-Type": "application/json", "Origin": env["ORIGIN"]}
nonce = str(uuid.uuid4())
status, code = post(env["ISSUER"] + "/authbridge/v1/session", {"credential": jwt, "credentialKind": "messagingJWT", "widget": "messenger",
    "messenger": {"clientId": env["CLIENT_ID"], "redirectUri": env["REDIRECT_URI"], "nonce": nonce}}, page)
expect("1 code route", status, code, 200, lambda r: r.get("authCode") and r.get("codeVerifier"))
status, exchange = post(env["GENESYS_URL"] + "/api/v2/webdeployments/token/oauthcodegrantjwtexchange", {"deploymentId": env["DEPLOYMENT_ID"],
    "oauth": {"code": code["authCode"], "redirectUri": env["REDIRECT_URI"], "nonce": nonce, "codeVerifier": code["codeVerifier"]}}, page)
expect("2 Genesys exchange", status, exchange, 200, lambda r: r.get("jwt") and r.get("refreshToken"))
# The customer's first message: the emulator opens the web messaging conversation, as Genesys does.
status, opened = post(env["CONTROL_URL"] + "/messaging-conversations", {"sub": subject, "authenticated": True}, {"Content-Type": "application/json"})
expect("2b first message (emulator control API)", status, opened, 201, lambda r: r.get("conversationId") and r.get("participantId"))
conversation = opened["conversationId"]
status, outcome = post(env["ISSUER"] + "/authbridge/v1/genesys/messaging-context", {"conversationId": conversation, "sub": subject, "isAuthenticated": True},
    {"Content-Type": "application/json", "Authorization": authorization})
expect("3 data action", status, outcome, 200, lambda r: r.get("status") == "written" and r.get("externalContactId"))
EOF

# JMeter's properties, with the credential, in a file of the temporary directory (not on a command line).
{
  echo "host=127.0.0.1"
  echo "port=$SERVE_PORT"
  echo "genesysHost=127.0.0.1"
  echo "genesysPort=${GENESYS_URL##*:}"
  echo "controlHost=127.0.0.1"
  echo "controlPort=${CONTROL_URL##*:}"
  echo "jwts=$WORK/jwts.csv"
  echo "origin=$ORIGIN"
  echo "redirectUri=$REDIRECT_URI"
  echo "clientId=$CLIENT_ID"
  echo "deploymentId=$DEPLOYMENT_ID"
  echo "dataActionAuthorization=$(cat "$WORK/data-action.authorization")"
  echo "jmeter.save.saveservice.output_format=csv"
  echo "jmeter.save.saveservice.print_field_names=true"
  echo "jmeter.save.saveservice.assertion_results_failure_message=true"
} >"$WORK/jmeter.properties"

jmeter_run() {  # PLAN NAME DURATION: runs headless into $WORK/NAME.jtl
  rm -f "$WORK/$2.jtl"
  "${JMETER_CMD[@]}" -n -t "$HERE/$1" -q "$WORK/jmeter.properties" -Jthreads="$THREADS" -Jrampup="$RAMPUP" -Jduration="$3" \
    -l "$WORK/$2.jtl" -j "$WORK/$2.jmeter.log" >"$WORK/$2.out" 2>&1 || { tail -20 "$WORK/$2.out" >&2; exit 1; }
}
show() {  # NAME [report arguments…]
  python3 "$HERE/report.py" "$WORK/$1.jtl" "${@:2}" | tee "$WORK/$1.report"
}

commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
[ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ] && commit="$commit + uncommitted changes"
echo "== $AUTHBRIDGE_BIN (built $(date -u -r "$AUTHBRIDGE_BIN" +%FT%TZ); checkout now at $commit), oidc.algorithm $OIDC_ALGORITHM; $(nproc) cores, shared by JMeter, serve and emulate"
echo "== serve RSS $(rss "$SERVE_PID"), emulate RSS $(rss "$EMULATE_PID") before the warm-up"
echo "== jmeter -n -t plan.jmx -Jthreads=$THREADS -Jrampup=$RAMPUP -Jduration=… (properties: hosts, ports, CSV of $JWT_COUNT JWTs)"
if [ "$WARMUP" -gt 0 ]; then
  echo "== warm-up: ${WARMUP} s (not counted)"
  jmeter_run plan.jmx warmup "$WARMUP"
  show warmup --flow-label "3 data action" | grep -E '^complete|^failures|^ ' | sed 's/^/warm-up: /' || true
fi
# The emulators record calls (headers and bodies, the newest 10,000 each) for their control API; forget the warm-up's.
curl -s -o /dev/null -X DELETE "$CONTROL_URL/calls" || true

# CPU seconds over a JMeter run: serve, emulate, and JMeter itself (this shell's waited-for children).
children_ticks() { awk '{print $16 + $17}' "/proc/$$/stat"; }
measured() {  # PLAN NAME DURATION
  local s0 e0 j0 t0
  s0=$(cpu_ticks "$SERVE_PID"); e0=$(cpu_ticks "$EMULATE_PID"); j0=$(children_ticks); t0=$SECONDS
  jmeter_run "$@"
  CPU_SERVE=$(($(cpu_ticks "$SERVE_PID") - s0)); CPU_EMULATE=$(($(cpu_ticks "$EMULATE_PID") - e0))
  CPU_JMETER=$(($(children_ticks) - j0)); WALL=$((SECONDS - t0))
}
cpu_line() {  # COUNT WHAT: CPU over the last measured run, and per COUNT WHAT
  awk -v s="$CPU_SERVE" -v e="$CPU_EMULATE" -v j="$CPU_JMETER" -v hz="$(getconf CLK_TCK)" -v n="$1" -v what="$2" -v t="$WALL" 'BEGIN {
    printf "CPU over %d s (JMeter start included): serve %.1f s, emulate %.1f s, JMeter %.1f s", t, s / hz, e / hz, j / hz
    if (n > 0) printf "; per %s: serve %.0f µs, emulate %.0f µs", what, s / hz * 1e6 / n, e / hz * 1e6 / n
    printf "\n" }'
}

echo "== the Messenger flow: $DURATION s, $THREADS threads, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
measured plan.jmx flow "$DURATION"
show flow --flow-label "3 data action"
cpu_line "$(awk '/^complete flows:/ {print $3}' "$WORK/flow.report")" "complete flow"
FLOW_ERRORS=$(awk -F'|' '$3 ~ /^ *[0-9]+ *$/ {sum += $4} END {print sum + 0}' "$WORK/flow.report")
echo "== serve RSS $(rss "$SERVE_PID"), emulate RSS $(rss "$EMULATE_PID") after the flow; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$FLOOR_DURATION" -gt 0 ]; then
  echo "== floor: GET /healthz on the same server, $FLOOR_DURATION s, $THREADS threads"
  measured floor.jmx floor "$FLOOR_DURATION"
  show floor
  cpu_line "$(awk -F'|' '/floor: \/healthz/ {gsub(/ /, "", $3); print $3}' "$WORK/floor.report")" "/healthz"
  echo "== serve RSS $(rss "$SERVE_PID"), emulate RSS $(rss "$EMULATE_PID") after the floor; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

if [ -n "${RESULTS:-}" ]; then
  mkdir -p "$RESULTS"
  for name in warmup flow floor; do
    for extension in jtl report; do
      if [ -f "$WORK/$name.$extension" ]; then cp "$WORK/$name.$extension" "$RESULTS/"; fi
    done
  done
  echo "== results copied to $RESULTS"
fi
[ "$FLOW_ERRORS" -eq 0 ] || { echo "the measured run had $FLOW_ERRORS errors" >&2; exit 2; }
