#!/usr/bin/env python3
"""The chaos soak's driver: two `authbridge serve` replicas on one `redis-server`, against `authbridge
emulate`, under steady load on every route while faults are injected in turn. Started by run.sh, which
owns the temporary directory; see README.md in this directory for what is counted and why.

    soak.py --work DIR --bin AUTHBRIDGE --phase-seconds N --results FILE

Standard library only. Every secret is generated here, written only to files in DIR (mode 0700) and
never printed; the end of the run greps every log for every one of them.
"""
import argparse
import base64
import hashlib
import heapq
import hmac
import http.client
import json
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))

# Not secrets: names a real site and Genesys organization would configure.
ORIGIN = "https://shop.example.com"
REDIRECT_URI = "https://shop.example.com/chat/callback"
CLIENT_ID = "genesys-messenger"
DEPLOYMENT_ID = "soak-deployment"
MESSAGING_KID = "app_soak"
GENESYS_CLIENT_ID = "soak-client"
AUDITOR_CLIENT_ID = "soak-auditor"
DATA_ACTION_USER = "genesys-data-actions"
SUNSHINE_APP = "soak-app"
SUNSHINE_KEY_ID = "app_key_soak"
LINES_PER_CONVERSATION = 6
# The Genesys routes AuthBridge calls for the data action and the history (never Messenger's own token
# routes, which the driver calls as the customer's browser).
GENESYS_API = ["/api/v2/conversations/**", "/api/v2/externalcontacts/**"]
TOKEN_DOWN = "Genesys token endpoint down"


def refresh_window(lifetime):
    """When the token broker (AuthBridgeCore's defaults: 5 s expiry margin, refresh ahead by
    max(20 % of the usable lifetime, 60 s) at most half of it, minus up to 5 % of it as jitter) starts
    refreshing a token of `lifetime` seconds: (earliest, latest, expiry), in seconds after the fetch."""
    margin = min(5.0, lifetime / 2)
    usable = lifetime - margin
    ahead = min(max(0.2 * usable, 60.0), usable / 2)
    return usable - ahead - 0.05 * usable, usable - ahead, usable


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def messaging_jwt(secret, subject, index):
    now = int(time.time())
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT", "kid": MESSAGING_KID}).encode())
    claims = b64url(json.dumps({"scope": "user", "external_id": subject, "name": f"Soak Customer {index}",
                                "email": f"{subject}@example.com", "email_verified": True,
                                "iat": now, "exp": now + 7200}).encode())
    signature = hmac.new(secret.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
    return f"{header}.{claims}.{b64url(signature)}"


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class Http:
    """One keep-alive connection per thread and port; a stale kept-alive connection is retried once."""

    def __init__(self):
        self.local = threading.local()

    def request(self, port, method, path, body=None, headers=None, timeout=60):
        conns = self.local.__dict__.setdefault("conns", {})
        for attempt in (0, 1):
            conn = conns.get(port)
            reused = conn is not None
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
                conns[port] = conn
            try:
                conn.timeout = timeout
                if conn.sock is not None:
                    conn.sock.settimeout(timeout)
                conn.request(method, path, body=body, headers=headers or {})
                reply = conn.getresponse()
                data = reply.read()
                if (reply.getheader("Connection") or "").lower() == "close":
                    conn.close()
                    conns.pop(port, None)
                return reply.status, data, reply
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError, http.client.CannotSendRequest) as error:
                conn.close()
                conns.pop(port, None)
                if reused and attempt == 0:
                    continue
                return None, type(error).__name__.encode(), None
            except (socket.timeout, TimeoutError):
                conn.close()
                conns.pop(port, None)
                return None, b"timeout", None
            except OSError as error:
                conn.close()
                conns.pop(port, None)
                return None, type(error).__name__.encode(), None
        return None, b"unreachable", None


def json_of(data):
    try:
        value = json.loads(data)
        return value if isinstance(value, dict) else {}
    except (ValueError, TypeError):
        return {}


class Stats:
    """Requests and failures per segment and route; latencies per segment."""

    def __init__(self):
        self.lock = threading.Lock()
        self.segment = "setup"
        self.requests = {}
        self.failures = {}
        self.figures = {}
        self.latency = {}
        self.correlations = {}

    def note(self, segment, route, ok, status, cause, seconds, correlation=None, figure=False):
        with self.lock:
            self.requests[(segment, route)] = self.requests.get((segment, route), 0) + 1
            self.latency.setdefault(segment, []).append(seconds)
            if not ok:
                key = (segment, route, status if status is not None else "no answer", cause)
                bucket = self.figures if figure else self.failures
                bucket[key] = bucket.get(key, 0) + 1
                if correlation:
                    self.correlations.setdefault(key, []).append(correlation)


class Soak:
    def __init__(self, args):
        self.args = args
        self.work = args.work
        self.bin = args.bin
        self.http = Http()
        self.stats = Stats()
        self.stop = threading.Event()
        self.running = threading.Event()  # cleared while a phase is audited: the load pauses
        self.children = {}
        self.secrets = {}
        self.runtime_secrets = set()
        self.runtime_lock = threading.Lock()
        self.counter = 0
        self.counter_lock = threading.Lock()
        self.backstop = []
        self.backstop_lock = threading.Lock()
        # Per Messenger conversation: subject, phase, whether the history is known carried.
        self.conversations = {}
        self.contacts = {}  # subject -> externalContactId values answered
        self.phase_index = 0
        self.customers_per_phase = args.customers_per_phase
        self.rows = []
        self.down = set()  # replicas being restarted: the driver (a load balancer) sends them nothing
        # Every client-credentials request to the emulated Genesys after set-up (only the replicas' token
        # brokers make them), as (time first seen, status), seen within a second (watch_tokens).
        self.token_log = []
        self.calls_lock = threading.RLock()
        self.calls_seen = 0
        self.pending_tokens = {}  # position in the emulator's list -> time seen, for calls not answered yet
        self.calls_forgotten = 0
        self.phase_started = {}

    # ---------- set-up ----------

    def path(self, name):
        return os.path.join(self.work, name)

    def secret(self, name):
        value = secrets.token_urlsafe(36)
        self.secrets[name] = value
        return value

    def spawn(self, name, argv, log, env=None):
        out = open(self.path(log), "ab")
        process = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        self.children[name] = process
        with open(self.path("pids"), "a") as f:
            f.write(f"{process.pid}\n")
        return process

    def start_redis(self):
        self.spawn("redis", ["redis-server", self.path("redis.conf")], "redis.out")
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.redis_port), timeout=1) as s:
                    s.sendall(b"*2\r\n$4\r\nAUTH\r\n$%d\r\n%s\r\n*1\r\n$4\r\nPING\r\n" % (len(self.redis_password), self.redis_password.encode()))
                    time.sleep(0.05)
                    if b"+PONG" in s.recv(100):
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise SystemExit("redis-server did not start")

    def setup(self):
        a = self.args
        self.redis_port, self.port_a, self.port_b, self.balancer_port = free_port(), free_port(), free_port(), free_port()
        self.issuer = f"http://127.0.0.1:{self.balancer_port}"
        messaging = self.secret("zendesk.messaging.secret")
        oidc_client = self.secret("oidc.client.secret")
        genesys_client = self.secret("genesys.client.secret")
        auditor = self.secret("auditor client secret")
        data_action = self.secret("genesys.dataAction.secret")
        sunshine = self.secret("zendesk.sunshine.key.secret")
        sealing = self.secret("bridge.sealingKey")
        self.redis_password = self.secret("redis.password")
        self.messaging_secret = messaging
        self.oidc_client_secret = oidc_client
        self.auditor_secret = auditor
        self.data_action_auth = "Basic " + base64.b64encode(f"{DATA_ACTION_USER}:{data_action}".encode()).decode()
        self.client_basic = "Basic " + base64.b64encode(f"{CLIENT_ID}:{oidc_client}".encode()).decode()
        for kid in ("soak-1", "soak-2"):
            subprocess.run([self.bin, "keys", "generate", "--algorithm", "RS256", "--key-id", kid, "--output", self.path(kid + ".pem")],
                           check=True, stdout=subprocess.DEVNULL)
            body = "".join(line for line in open(self.path(kid + ".pem")).read().splitlines() if not line.startswith("-----"))
            # Pieces of the private key, as a log would hold them.
            for i in range(0, len(body) - 48, 200):
                self.secrets[f"{kid} private key part {i}"] = body[i:i + 48]

        # Customers: one pool per phase for the Messenger flow (audited per phase), one for the direct
        # OpenID flow (which signs out, so it never shares a customer with the Messenger flow).
        run = secrets.token_hex(3)
        self.run_id = run
        phases = len(self.phases())
        self.messenger_customers = []
        users, conversations = [], []
        for p in range(phases):
            pool = []
            for i in range(self.customers_per_phase):
                index = p * self.customers_per_phase + i
                subject = f"soak-{run}-m{index:05d}"
                lines = [f"soak {run} customer {index} line {j}" for j in range(LINES_PER_CONVERSATION)]
                users.append({"appId": SUNSHINE_APP, "user": {"id": f"zu-{index}", "externalId": subject}})
                messages = []
                for j, text in enumerate(lines):
                    author = ({"type": "user", "userId": f"zu-{index}", "displayName": "Soak Customer"} if j % 2 == 0
                              else {"type": "business", "subtypes": ["agent"], "displayName": "Soak Agent"})
                    messages.append({"id": f"zm-{index}-{j}", "received": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(time.time() - 86400 + j)),
                                     "author": author, "content": {"type": "text", "text": text}, "source": {"type": "web"}})
                conversations.append({"appId": SUNSHINE_APP, "conversationId": f"zc-{index}", "messages": messages})
                pool.append({"subject": subject, "jwt": messaging_jwt(messaging, subject, index), "lines": lines})
            self.messenger_customers.append(pool)
        self.oidc_customers = []
        for i in range(200):
            subject = f"soak-{run}-o{i:05d}"
            self.oidc_customers.append({"subject": subject, "jwt": messaging_jwt(messaging, subject, 100000 + i)})
        self.runtime_secrets.update(c["jwt"] for pool in self.messenger_customers for c in pool)
        self.runtime_secrets.update(c["jwt"] for c in self.oidc_customers)

        seed = {
            "genesys": {
                "clients": [{"id": GENESYS_CLIENT_ID, "secret": genesys_client, "tokenLifetimeSeconds": a.token_lifetime},
                            {"id": AUDITOR_CLIENT_ID, "secret": auditor}],
                "rateLimitPerToken": 1000000000,
                "openIDIntegrations": [{"id": "oidc-integration", "discoveryURI": self.issuer + "/.well-known/openid-configuration",
                                        "clientId": CLIENT_ID, "clientSecret": oidc_client}],
                "deployments": [{"id": DEPLOYMENT_ID, "allowedDomains": ["shop.example.com"], "authenticationIntegrationId": "oidc-integration"}],
            },
            "zendesk": {"sunshineKeys": [{"id": SUNSHINE_KEY_ID, "secret": sunshine}], "users": users, "conversations": conversations},
        }
        with open(self.path("seed.json"), "w") as f:
            json.dump(seed, f)

        os.makedirs(self.path("redis"), mode=0o700)
        with open(self.path("redis.conf"), "w") as f:
            # Append-only, fsync on every write: a kill -9 loses nothing Redis acknowledged, as a
            # deployment that keeps sessions in Redis must be configured (see README.md).
            f.write(f"port {self.redis_port}\nbind 127.0.0.1\ndir {self.path('redis')}\nappendonly yes\nappendfsync always\n"
                    f"save \"\"\nrequirepass {self.redis_password}\nlogfile {self.path('redis.log')}\n")
        self.start_redis()

        emulate = self.spawn("emulate", [self.bin, "emulate", "--seed", self.path("seed.json"), "--json"], "emulate.log")
        deadline = time.time() + 60
        urls = None
        while time.time() < deadline and urls is None:
            try:
                for line in open(self.path("emulate.log")):
                    if line.startswith("{") and '"control"' in line:
                        urls = json.loads(line)
                        break
            except OSError:
                pass
            if emulate.poll() is not None:
                raise SystemExit("authbridge emulate stopped at start (see its log)")
            time.sleep(0.1)
        if urls is None:
            raise SystemExit("authbridge emulate did not start")
        self.genesys_port = int(urls["genesys"].rsplit(":", 1)[1])
        self.zendesk_url = urls["zendesk"]
        self.control_port = int(urls["control"].rsplit(":", 1)[1])

        status, data, _ = self.http.request(self.genesys_port, "POST", "/oauth/token", body=b"grant_type=client_credentials", headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Authorization": "Basic " + base64.b64encode(f"{AUDITOR_CLIENT_ID}:{auditor}".encode()).decode()})
        self.auditor_token = json_of(data).get("access_token")
        if status != 200 or not self.auditor_token:
            raise SystemExit(f"the auditor's Genesys token: {status}")
        self.runtime_secrets.add(self.auditor_token)
        self.control("DELETE", "/calls")
        threading.Thread(target=self.watch_tokens, daemon=True).start()

        for name, port in (("A", self.port_a), ("B", self.port_b)):
            config = {
                "server": {"host": "127.0.0.1", "port": port, "allowedOrigins": ORIGIN, "rateLimitPerMinute": 1000000},
                "zendesk": {"baseURL": self.zendesk_url, "messaging": {"keyId": MESSAGING_KID, "secret": messaging},
                            "sunshine": {"appId": SUNSHINE_APP, "key": {"id": SUNSHINE_KEY_ID, "secret": sunshine}}},
                "genesys": {"baseURL": urls["genesys"], "client": {"id": GENESYS_CLIENT_ID, "secret": genesys_client},
                            "dataAction": {"userName": DATA_ACTION_USER, "secret": data_action},
                            "messenger": {"deploymentId": DEPLOYMENT_ID}},
                "oidc": {"issuer": self.issuer, "client": {"id": CLIENT_ID, "secret": oidc_client}, "redirectUris": [REDIRECT_URI],
                         "signingKey": open(self.path("soak-1.pem")).read(), "signingKeyId": "soak-1",
                         "nextSigningKey": open(self.path("soak-2.pem")).read(), "nextSigningKeyId": "soak-2", "algorithm": "RS256"},
                "bridge": {"sealingKey": sealing},
                "redis": {"host": "127.0.0.1", "port": self.redis_port, "password": self.redis_password},
            }
            with open(self.path(f"serve-{name}.json"), "w") as f:
                json.dump(config, f)
        self.replicas = {"A": self.port_a, "B": self.port_b}
        for name in self.replicas:
            self.start_replica(name)
        self.write_balancer_down()
        self.spawn("balancer", [sys.executable, os.path.join(HERE, "balancer.py"), str(self.balancer_port), str(self.port_a), str(self.port_b)],
                   "balancer.log", env=dict(os.environ, BALANCER_DOWN_FILE=self.path("balancer.down")))
        for name in self.replicas:
            if not self.wait_ready(name, 60):
                raise SystemExit(f"authbridge serve {name} is not ready (see serve-{name}.log)")
        # Both replicas started together on an empty Redis: how many tokens did they fetch between them?
        self.clear_calls()
        with self.calls_lock:
            self.startup_grants = sum(1 for _, status in self.token_log if status == 200)
            # The first token's clock: when its grant was first seen (at most a second after the broker's
            # call started, which is where the broker counts from).
            self.t0 = next((t for t, status in self.token_log if status == 200), time.monotonic())

    def start_replica(self, name):
        environment = {k: v for k, v in os.environ.items() if not k.startswith("AUTHBRIDGE_")}
        self.spawn(f"serve-{name}", [self.bin, "serve", "--config", self.path(f"serve-{name}.json")], f"serve-{name}.log", env=environment)

    def wait_ready(self, name, seconds):
        deadline = time.time() + seconds
        while time.time() < deadline:
            status, _, _ = self.http.request(self.replicas[name], "GET", "/readyz", timeout=5)
            if status == 200:
                return True
            if self.children[f"serve-{name}"].poll() is not None:
                return False
            time.sleep(0.2)
        return False

    def restart_replica(self, name):
        """SIGTERM (in-flight requests finish), then a fresh process: it has no token in memory."""
        self.down.add(name)
        self.write_balancer_down()
        time.sleep(2)  # as a load balancer deregisters an instance before stopping it
        process = self.children[f"serve-{name}"]
        process.terminate()
        process.wait(timeout=30)
        self.start_replica(name)
        self.restarted_ready = self.wait_ready(name, 30)
        self.down.discard(name)
        self.write_balancer_down()

    def write_balancer_down(self):
        """The ports the balancer must not open new connections to (it reads the file per connection)."""
        with open(self.path("balancer.down.tmp"), "w") as f:
            f.write("".join(f"{self.replicas[n]}\n" for n in sorted(self.down)))
        os.replace(self.path("balancer.down.tmp"), self.path("balancer.down"))

    # ---------- emulator control ----------

    def control(self, method, path, body=None):
        headers = {"Content-Type": "application/json"} if body is not None else {}
        status, data, _ = self.http.request(self.control_port, method, path, body=json.dumps(body).encode() if body is not None else None,
                                            headers=headers, timeout=30)
        return status, json_of(data)

    def arm(self, *faults):
        status, reply = self.control("POST", "/faults", list(faults))
        if status != 201:
            print(f"arming faults failed: {status} {reply}", file=sys.stderr)

    def calls(self, emulator):
        _, reply = self.control("GET", f"/calls?emulator={emulator}")
        return reply.get("calls", [])

    def watch_tokens(self):
        """Looks at the emulated Genesys's recorded calls every second, so that each token request has a
        time (the emulator's list has none)."""
        while not self.stop.is_set():
            try:
                self.collect_calls()
                if self.calls_seen > 5000:
                    self.clear_calls()  # well before the emulator's limit of 10,000, where it forgets
            except Exception as error:  # noqa: BLE001 - a missed look is retried a second later
                print(f"token watch: {type(error).__name__}", file=sys.stderr)
            time.sleep(1)

    def collect_calls(self):
        """The emulated Genesys's calls since the last clear; new client-credentials requests go to
        token_log, stamped with the time they were first seen (once answered, with their status)."""
        with self.calls_lock:
            calls = self.calls("genesys")
            now = time.monotonic()
            if len(calls) < self.calls_seen:
                # `authbridge emulate` keeps 10,000 calls and forgets the oldest tenth beyond that:
                # positions moved, so calls not seen yet may be lost. Counted and reported.
                self.calls_forgotten += 1
                self.pending_tokens.clear()
                self.calls_seen = len(calls)
            for position in range(self.calls_seen, len(calls)):
                call = calls[position]
                if call["method"] == "POST" and call["path"] == "/oauth/token":
                    self.pending_tokens[position] = now
            self.calls_seen = len(calls)
            for position, seen in sorted(self.pending_tokens.items()):
                status = calls[position].get("status") if position < len(calls) else "lost"
                if status is not None:
                    self.token_log.append((seen, status))
                    del self.pending_tokens[position]
            return calls

    def clear_calls(self):
        """Collects what is new, waits (up to 3 s) for token requests still unanswered, then clears the
        emulator's list."""
        with self.calls_lock:
            deadline = time.monotonic() + 3
            self.collect_calls()
            while self.pending_tokens and time.monotonic() < deadline:
                time.sleep(0.1)
                self.collect_calls()
            for seen in self.pending_tokens.values():
                self.token_log.append((seen, "no answer recorded"))
            self.pending_tokens.clear()
            self.control("DELETE", "/calls")
            self.calls_seen = 0

    def token_requests_between(self, start, end):
        with self.calls_lock:
            return [(t, status) for t, status in self.token_log if start <= t <= end]

    # ---------- load ----------

    def next_index(self):
        with self.counter_lock:
            self.counter += 1
            return self.counter

    def timed(self, route, port, method, path, body=None, headers=None, expect=(200,), check=None, figure_statuses=()):
        segment = self.stats.segment
        started = time.monotonic()
        status, data, _ = self.http.request(port, method, path, body=body, headers=headers)
        elapsed = time.monotonic() - started
        reply = json_of(data)
        ok = status in expect and (check is None or check(reply))
        cause = None
        if not ok:
            if status is None:
                cause = data.decode(errors="replace")
            else:
                cause = str(reply.get("error") or reply.get("code") or reply.get("status") or "")[:80] or f"body {len(data)} bytes"
        self.stats.note(segment, route, ok, status, cause, elapsed, reply.get("correlationId"), figure=status in figure_statuses)
        return ok, status, reply

    def remember(self, *values):
        with self.runtime_lock:
            self.runtime_secrets.update(v for v in values if isinstance(v, str) and len(v) >= 16)

    def replica_pair(self, index):
        ports = [self.port_a, self.port_b] if not self.down else [self.replicas[n] for n in ("A", "B") if n not in self.down]
        return ports[index % len(ports)], ports[(index + 1) % len(ports)]

    def messenger_flow(self, index):
        """The page, Messenger's token exchange and refresh through the emulated Genesys (which calls the
        token endpoint at the issuer URL), the first message, and the data action."""
        pool = self.messenger_customers[self.phase_index]
        customer = pool[index % len(pool)]
        first, second = self.replica_pair(index)
        nonce = uuid.uuid4().hex
        page = {"Content-Type": "application/json", "Origin": ORIGIN}
        ok, _, code = self.timed("POST /authbridge/v1/session", first, "POST", "/authbridge/v1/session", json.dumps({
            "credential": customer["jwt"], "credentialKind": "messagingJWT", "widget": "messenger",
            "messenger": {"clientId": CLIENT_ID, "redirectUri": REDIRECT_URI, "nonce": nonce}}).encode(), page,
            check=lambda r: r.get("authCode") and r.get("codeVerifier"))
        if not ok:
            return
        self.remember(code.get("authCode"), code.get("codeVerifier"))
        ok, _, exchange = self.timed("POST /oidc/token code (Genesys exchange)", self.genesys_port, "POST",
                                     "/api/v2/webdeployments/token/oauthcodegrantjwtexchange", json.dumps({
                                         "deploymentId": DEPLOYMENT_ID, "oauth": {"code": code["authCode"], "redirectUri": REDIRECT_URI,
                                                                                  "nonce": nonce, "codeVerifier": code["codeVerifier"]}}).encode(), page,
                                     check=lambda r: r.get("jwt") and r.get("refreshToken"))
        if not ok:
            return
        self.remember(exchange.get("jwt"), exchange.get("refreshToken"))
        status, data, _ = self.http.request(self.control_port, "POST", "/messaging-conversations",
                                            body=json.dumps({"sub": customer["subject"], "authenticated": True}).encode(),
                                            headers={"Content-Type": "application/json"})
        opened = json_of(data)
        if status != 201:
            self.stats.note(self.stats.segment, "emulator: first message", False, status, "control API", 0)
            return
        conversation = opened["conversationId"]
        with self.backstop_lock:
            self.conversations[conversation] = {"subject": customer["subject"], "phase": self.phase_index, "carried": False,
                                                "written": False}
        self.data_action(conversation, customer["subject"], second, "POST /authbridge/v1/genesys/messaging-context")
        # The customer.start workflow: the same call again a few seconds later, on the other replica.
        with self.backstop_lock:
            heapq.heappush(self.backstop, (time.monotonic() + 3, conversation, customer["subject"], first))
        self.timed("POST /oidc/token refresh (Genesys refresh)", self.genesys_port, "POST", "/api/v2/webdeployments/token/refresh",
                   json.dumps({"deploymentId": DEPLOYMENT_ID, "refreshToken": exchange["refreshToken"]}).encode(), page,
                   check=lambda r: r.get("jwt"))

    def data_action(self, conversation, subject, port, route):
        ok, status, outcome = self.timed(route, port, "POST", "/authbridge/v1/genesys/messaging-context",
                                         json.dumps({"conversationId": conversation, "sub": subject, "isAuthenticated": True}).encode(),
                                         {"Content-Type": "application/json", "Authorization": self.data_action_auth},
                                         check=lambda r: r.get("status") in ("written", "alreadyWritten", "inProgress"))
        if ok:
            with self.backstop_lock:
                record = self.conversations[conversation]
                if outcome.get("status") in ("written", "alreadyWritten"):
                    record["written"] = True
                    if outcome.get("historyCarried") is True:
                        record["carried"] = True
                    if outcome.get("externalContactId"):
                        self.contacts.setdefault(subject, set()).add(outcome["externalContactId"])
        return ok, outcome

    def oidc_flow(self, index):
        """Genesys's backend as the driver plays it: code and refresh grants at the token endpoint, userinfo,
        then the page signs out (refresh tokens revoked) and the refresh token must be refused."""
        customer = self.oidc_customers[index % len(self.oidc_customers)]
        first, second = self.replica_pair(index)
        page = {"Content-Type": "application/json", "Origin": ORIGIN}
        ok, _, code = self.timed("POST /authbridge/v1/session", first, "POST", "/authbridge/v1/session", json.dumps({
            "credential": customer["jwt"], "credentialKind": "messagingJWT", "widget": "messenger",
            "messenger": {"clientId": CLIENT_ID, "redirectUri": REDIRECT_URI, "nonce": uuid.uuid4().hex}}).encode(), page,
            check=lambda r: r.get("authCode") and r.get("codeVerifier"))
        if not ok:
            return
        form = {"Content-Type": "application/x-www-form-urlencoded", "Authorization": self.client_basic}
        ok, _, tokens = self.timed("POST /oidc/token code", second, "POST", "/oidc/token", urllib.parse.urlencode({
            "grant_type": "authorization_code", "code": code["authCode"], "redirect_uri": REDIRECT_URI,
            "code_verifier": code["codeVerifier"]}).encode(), form, check=lambda r: r.get("access_token") and r.get("refresh_token"))
        if not ok:
            return
        self.remember(code["authCode"], code["codeVerifier"], tokens.get("access_token"), tokens.get("refresh_token"), tokens.get("id_token"))
        self.timed("GET /oidc/userinfo", first, "GET", "/oidc/userinfo", headers={"Authorization": "Bearer " + tokens["access_token"]},
                   check=lambda r: r.get("sub") == customer["subject"])
        self.timed("POST /oidc/userinfo", second, "POST", "/oidc/userinfo", headers={"Authorization": "Bearer " + tokens["access_token"]},
                   check=lambda r: r.get("sub") == customer["subject"])
        ok, _, refreshed = self.timed("POST /oidc/token refresh", first, "POST", "/oidc/token", urllib.parse.urlencode({
            "grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}).encode(), form,
            check=lambda r: r.get("access_token"))
        refresh = tokens["refresh_token"]
        if ok:
            self.remember(refreshed.get("access_token"), refreshed.get("refresh_token"), refreshed.get("id_token"))
            refresh = refreshed.get("refresh_token") or refresh
        ok, _, _ = self.timed("POST /authbridge/v1/session/end", second, "POST", "/authbridge/v1/session/end",
                              json.dumps({"credential": customer["jwt"], "credentialKind": "messagingJWT"}).encode(), page, expect=(204,))
        if ok:
            self.timed("POST /oidc/token refresh after sign-out (400 expected)", first, "POST", "/oidc/token", urllib.parse.urlencode({
                "grant_type": "refresh_token", "refresh_token": refresh}).encode(), form, expect=(400,),
                check=lambda r: r.get("error") == "invalid_grant")

    def light(self, index):
        port = self.replica_pair(index)[0]
        for route, path, expect in (("GET /.well-known/openid-configuration", "/.well-known/openid-configuration", (200,)),
                                    ("GET /oidc/jwks.json", "/oidc/jwks.json", (200,)), ("GET /healthz", "/healthz", (200,)),
                                    ("GET /readyz", "/readyz", (200,)), ("GET /metrics", "/metrics", (200,)),
                                    ("GET /openapi.json", "/openapi.json", (200,)),
                                    ("GET /oidc/authorize (400 expected)", "/oidc/authorize?response_type=code&client_id=" + CLIENT_ID, (400,))):
            self.timed(route, port, "GET", path, expect=expect)

    def worker(self, kind):
        while not self.stop.is_set():
            self.running.wait()
            if self.stop.is_set():
                return
            index = self.next_index()
            if kind == "messenger":
                self.messenger_flow(index)
            elif kind == "oidc":
                self.oidc_flow(index)
            else:
                self.light(index)
                time.sleep(0.05)

    def backstopper(self):
        while not self.stop.is_set():
            item = None
            with self.backstop_lock:
                if self.backstop and self.backstop[0][0] <= time.monotonic():
                    item = heapq.heappop(self.backstop)
            if item is None:
                time.sleep(0.1)
                continue
            _, conversation, subject, _ = item
            port = self.replica_pair(self.next_index())[0]
            self.data_action(conversation, subject, port, "POST /authbridge/v1/genesys/messaging-context (backstop)")

    # ---------- phases ----------

    def phases(self):
        """(name, what it does): each is followed by a recovery segment with every fault disarmed."""
        return [
            ("baseline", "no fault"),
            ("Genesys 429 storm", "every second, the next 25 calls to each Genesys API group answer 429 Retry-After: 1"),
            ("Genesys 5xx bursts", "every 2 s, the next 15 calls to each Genesys API group answer 503, then 10 answer 500"),
            ("latency beyond timeouts", "every 3 s, the next 2 conversation reads, contact upserts and note writes answer after 11 s (AuthBridge gives up at 10 s)"),
            ("Genesys token endpoint down", "POST /oauth/token answers 503 throughout; a third of the way in, replica B is restarted (SIGTERM, then a new process with no token in memory)"),
            ("Zendesk history down", "every Sunshine Conversations call answers 503 throughout"),
            ("Redis kill -9, restart", "redis-server killed with SIGKILL, restarted 5 s later from its append-only file"),
            ("Redis paused", "redis-server stopped (SIGSTOP) for 8 s, then continued"),
        ]

    def fault_loop(self, name, until):
        """Arms the phase's faults, periodically for bursts; returns when the segment ends."""
        def bursts(every, make):
            while time.monotonic() < until and not self.stop.is_set():
                self.arm(*make())
                time.sleep(every)
        if name == "Genesys 429 storm":
            bursts(1, lambda: [{"emulator": "genesys", "path": p, "status": 429, "retryAfter": 1, "count": 25,
                                "body": json.dumps({"status": 429, "code": "too.many.requests", "message": "Rate limit exceeded"})} for p in GENESYS_API])
        elif name == "Genesys 5xx bursts":
            bursts(2, lambda: [{"emulator": "genesys", "path": p, "status": 503, "count": 15} for p in GENESYS_API]
                   + [{"emulator": "genesys", "path": p, "status": 500, "count": 10} for p in GENESYS_API])
        elif name == "latency beyond timeouts":
            bursts(3, lambda: [{"emulator": "genesys", "method": m, "path": p, "delayMs": 11000, "count": 2} for m, p in (
                ("GET", "/api/v2/conversations/messages/:id"), ("POST", "/api/v2/externalcontacts/contacts/enrich"),
                ("POST", "/api/v2/externalcontacts/contacts/:id/notes"))])
        elif name == "Genesys token endpoint down":
            self.arm({"emulator": "genesys", "path": "/oauth/token", "status": 503, "count": "always"})
            time.sleep(max(0.0, (until - time.monotonic()) / 3))
            self.restart_replica("B")
        elif name == "Zendesk history down":
            self.arm({"emulator": "zendesk", "path": "/sc/**", "status": 503, "count": "always"})
        elif name == "Redis kill -9, restart":
            self.children["redis"].send_signal(signal.SIGKILL)
            self.children["redis"].wait()
            time.sleep(5)
            self.start_redis()
        elif name == "Redis paused":
            self.children["redis"].send_signal(signal.SIGSTOP)
            time.sleep(8)
            self.children["redis"].send_signal(signal.SIGCONT)
        while time.monotonic() < until and not self.stop.is_set():
            time.sleep(0.1)

    def segment(self, label, name, until=None):
        rss_start = {n: rss_kib(self.children[f"serve-{n}"].pid) for n in ("A", "B")}
        logs_start = self.log_sizes()
        self.clear_calls()
        started = time.monotonic()
        until = until or started + self.args.phase_seconds
        if name is None:
            self.control("DELETE", "/faults")
            while time.monotonic() < until:
                time.sleep(0.1)
        else:
            self.fault_loop(name, until)
        calls = self.collect_calls()
        ended = time.monotonic()
        tokens = self.token_requests_between(started, ended)
        rss_end = {n: rss_kib(self.children[f"serve-{n}"].pid) for n in ("A", "B")}
        return {"segment": label, "seconds": ended - started, "rss_start": rss_start, "rss_end": rss_end,
                "started": started - self.t0, "ended": ended - self.t0,
                "token_requests": len(tokens), "token_grants": sum(1 for _, s in tokens if s == 200), "genesys_calls": len(calls),
                "logs": (logs_start, self.log_sizes())}

    def log_sizes(self):
        return {n: os.path.getsize(self.path(f"serve-{n}.log")) for n in ("A", "B")}

    def drain_and_audit(self, phase):
        """Pauses the load, lets the backstop calls finish, calls the data action once more for every
        conversation of the phase whose history is not known carried (as the trigger's workflow or the
        customer's next message would), then reads the emulated Genesys: contacts, notes and lines."""
        self.running.clear()
        time.sleep(1)
        self.control("DELETE", "/faults")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with self.backstop_lock:
                if not self.backstop:
                    break
            time.sleep(0.2)
        for _ in range(3):
            time.sleep(2)
            with self.backstop_lock:
                pending = [(c, r["subject"]) for c, r in self.conversations.items() if r["phase"] == phase and not r["carried"]]
            for conversation, subject in pending:
                self.data_action(conversation, subject, self.port_a, "POST /authbridge/v1/genesys/messaging-context (drain)")
        time.sleep(1)
        return self.audit(phase)

    def genesys_api(self, method, path, body=None):
        headers = {"Authorization": "Bearer " + self.auditor_token}
        if body is not None:
            headers["Content-Type"] = "application/json"
        status, data, _ = self.http.request(self.genesys_port, method, path, body=json.dumps(body).encode() if body is not None else None,
                                            headers=headers, timeout=30)
        return status, json_of(data)

    def audit(self, phase):
        if not hasattr(self, "source_id"):
            _, sources = self.genesys_api("GET", "/api/v2/externalcontacts/externalsources?name=Zendesk")
            self.source_id = next((s["id"] for s in sources.get("entities", []) if s.get("name") == "Zendesk"), None)
        with self.backstop_lock:
            subjects = {r["subject"] for r in self.conversations.values() if r["phase"] == phase and r["written"]}
            uncarried = sum(1 for r in self.conversations.values() if r["phase"] == phase and r["written"] and not r["carried"])
            unwritten = sum(1 for r in self.conversations.values() if r["phase"] == phase and not r["written"])
        lines = {c["subject"]: c["lines"] for c in self.messenger_customers[phase]}
        duplicate_contacts = duplicate_notes = lost = 0
        for subject in sorted(subjects):
            ids = set(self.contacts.get(subject, set()))
            status, contact = self.genesys_api("POST", "/api/v2/externalcontacts/identifierlookup/contacts", {
                "type": "ExternalId", "value": subject, "externalSource": {"id": self.source_id}}) if self.source_id else (0, {})
            if status == 200 and contact.get("id"):
                ids.add(contact["id"])
            duplicate_contacts += max(len(ids) - 1, 0)
            texts = []
            for contact_id in ids:
                page = 1
                while True:
                    _, notes = self.genesys_api("GET", f"/api/v2/externalcontacts/contacts/{contact_id}/notes?pageSize=100&pageNumber={page}")
                    texts += [n.get("noteText", "") for n in notes.get("entities", [])]
                    if page >= notes.get("pageCount", 1):
                        break
                    page += 1
            headers = [t.split("\n", 1)[0] for t in texts]
            duplicate_notes += len(headers) - len(set(headers))
            joined = "\n".join(texts)
            lost += sum(1 for line in lines[subject] if line not in joined)
        return {"customers": len(subjects), "duplicate_contacts": duplicate_contacts, "duplicate_notes": duplicate_notes,
                "lines_lost": lost, "uncarried_after_drain": uncarried, "unwritten_after_drain": unwritten}

    # ---------- the run ----------

    def run(self):
        self.setup()
        workers = ([threading.Thread(target=self.worker, args=("messenger",), daemon=True) for _ in range(self.args.messenger_workers)]
                   + [threading.Thread(target=self.worker, args=("oidc",), daemon=True) for _ in range(self.args.oidc_workers)]
                   + [threading.Thread(target=self.worker, args=("light",), daemon=True)]
                   + [threading.Thread(target=self.backstopper, daemon=True)])
        for thread in workers:
            thread.start()
        started = time.time()
        # The token endpoint's outage must cover the first token's first refresh (README.md): it begins
        # 15 s before the earliest moment the broker may start it and ends 10 s after the latest, which
        # leaves the refresh (expiry - latest - 10) s to succeed before the token expires. Phases run in
        # order, except that the outage's phase comes as soon as the next one might end after the outage
        # is due; what is left until then is a lead-in segment without a fault.
        earliest, latest, expiry = refresh_window(self.args.token_lifetime)
        self.outage_plan = (earliest - 15, latest + 10)
        phases = self.phases()
        others = [p for p in phases if p[0] != TOKEN_DOWN]
        token_phase = next(p for p in phases if p[0] == TOKEN_DOWN)
        guess = 3 * self.args.phase_seconds + 15  # a phase: fault, recovery, drain and audit, until one is measured
        longest = None
        self.aligned = self.outage_plan[0] < len(phases) * guess
        position = 0
        while others or token_phase:
            now = time.monotonic() - self.t0
            due = (now + (longest or guess) > self.outage_plan[0]) if self.aligned else position == [p[0] for p in phases].index(TOKEN_DOWN)
            if token_phase and (due or not others):
                phase, token_phase = token_phase, None
            else:
                phase = others.pop(0)
            phase_started = time.monotonic()
            self.run_phase(position, *phase)
            if phase[0] != "baseline":
                longest = max(longest or 0, time.monotonic() - phase_started)
            position += 1
        self.run_ended = time.monotonic()
        self.recheck_late()
        self.stop.set()
        self.running.set()
        self.elapsed = time.time() - started
        for name in ("serve-A", "serve-B"):
            if self.children[name].poll() is not None:
                print(f"{name} stopped during the run", file=sys.stderr)

    def recheck_late(self):
        """A phase whose audit found transcript lines missing is audited again once every lease a fault
        may have left behind has expired (the ledger's history lease lives 120 s): one more data action
        call per conversation not known carried, then the audit. Lines still missing then are lost;
        the others were late."""
        self.running.clear()
        for row in self.rows:
            audit = row.get("audit")
            if not audit or not audit["lines_lost"]:
                continue
            position = row["position"]
            wait = self.phase_started[position] + 130 - time.monotonic()
            if wait > 0:
                print(f"{time.strftime('%H:%M:%S')} {row['segment']}: {audit['lines_lost']} lines missing; "
                      f"audited again in {wait:.0f} s, when leases of the fault have expired", flush=True)
                time.sleep(wait)
            for _ in range(2):
                with self.backstop_lock:
                    pending = [(c, r["subject"]) for c, r in self.conversations.items() if r["phase"] == position and not r["carried"]]
                for conversation, subject in pending:
                    self.data_action(conversation, subject, self.port_a, "POST /authbridge/v1/genesys/messaging-context (late)")
                time.sleep(3)
            audit["late"] = self.audit(position)
            audit["late_after"] = time.monotonic() - self.phase_started[position]

    def run_phase(self, position, name, meaning):
        self.phase_index = position
        self.stats.segment = name
        self.running.set()
        rows = []
        until = None
        if name == TOKEN_DOWN and self.aligned:
            lead = self.t0 + self.outage_plan[0] - time.monotonic()
            if lead > 1:
                label = f"{name}: lead-in, no fault"
                self.stats.segment = label
                rows.append(self.segment(label, None, until=time.monotonic() + lead))
                self.stats.segment = name
            until = max(time.monotonic() + self.args.phase_seconds, self.t0 + self.outage_plan[1])
        self.phase_started[position] = time.monotonic()
        fault = self.segment(name, None if name == "baseline" else name, until=until)
        fault["meaning"] = meaning
        rows.append(fault)
        if name == TOKEN_DOWN:
            self.outage = (fault["started"], fault["ended"])
        if name != "baseline":
            self.stats.segment = f"{name}: recovery"
            rows.append(self.segment(f"{name}: recovery", None))
        audit = self.drain_and_audit(position)
        for row in rows:
            row["audit"] = audit if row is rows[-1] else None
            row["position"] = position
            self.rows.append(row)
        print(f"{time.strftime('%H:%M:%S')} {name}: done ({audit['customers']} customers audited)", flush=True)

    def shutdown(self):
        for name, process in self.children.items():
            if process.poll() is None:
                if name == "redis":
                    process.send_signal(signal.SIGCONT)
                process.terminate()
        for process in self.children.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

    # ---------- the report ----------

    def secrets_in_logs(self):
        logs = [f for f in os.listdir(self.work) if f.endswith((".log", ".out"))]
        found = {}
        token = re.compile(r"[A-Za-z0-9_\-.~+/=]{16,}")
        fixed = list(self.secrets.items())
        for log in logs:
            text = open(self.path(log), errors="replace").read()
            for name, value in fixed:
                if value in text:
                    found[(log, name)] = found.get((log, name), 0) + text.count(value)
            for piece in token.findall(text):
                for candidate in {piece, piece.strip("."), piece.split("=", 1)[-1]}:
                    if candidate in self.runtime_secrets:
                        found[(log, "a customer credential, code or token")] = found.get((log, "a customer credential, code or token"), 0) + 1
        return logs, found

    def token_report(self):
        """Genesys token requests and grants per token lifetime, across both replicas."""
        lifetime = self.args.token_lifetime
        earliest, latest, expiry = refresh_window(lifetime)
        with self.calls_lock:
            log = sorted((t - self.t0, status) for t, status in self.token_log)
        grants = [t for t, status in log if status == 200]
        end = self.run_ended - self.t0
        out = ["", f"Genesys token requests (every client-credentials `POST /oauth/token` the emulator recorded, timed to "
                   f"within 1 s; +0 s is the first grant), tokens of {lifetime} s: the broker refreshes a token it fetched "
                   f"from +{earliest:.0f}…{latest:.0f} s on demand and stops using it at +{expiry:.0f} s. The load ran to "
                   f"+{end:.0f} s."]
        if hasattr(self, "outage"):
            start, stop = self.outage
            covered = start < earliest and stop > latest
            out.append(f"The token endpoint was down from +{start:.0f} s to +{stop:.0f} s: it "
                       f"{'covered' if covered else 'did NOT cover'} the first token's refresh window "
                       f"(+{earliest:.0f}…{latest:.0f} s), and left {expiry - stop:.0f} s before that token's expiry.")
        out += ["", "| token | granted at | requests for it: refused (status × n) / granted | first request | "
                    "replaced by the next at (share of its lifetime) |", "|---|---:|---|---:|---:|"]
        previous = float("-inf")
        for i, granted in enumerate(grants):
            asked = [(t, status) for t, status in log if previous < t <= granted]
            refused = {}
            for _, status in asked:
                if status != 200:
                    refused[status] = refused.get(status, 0) + 1
            refused_text = ", ".join(f"{status} × {n}" for status, n in sorted(refused.items(), key=str)) or "0"
            following = grants[i + 1] if i + 1 < len(grants) else None
            replaced = (f"+{following:.0f} s ({(following - granted) / lifetime:.0%})" if following is not None
                        else f"not before the end (+{end:.0f} s, {(end - granted) / lifetime:.0%})")
            out.append(f"| {i + 1} | +{granted:.0f} s | {refused_text} / {sum(1 for _, s in asked if s == 200)} | "
                       f"+{asked[0][0]:.0f} s | {replaced} |")
            previous = granted
        late = [t for t, status in log if t > (grants[-1] if grants else float("-inf"))]
        if late:
            out.append(f"| – | never | {len(late)} after the last grant: "
                       + ", ".join(f"{status}" for _, status in late[:10]) + " | | |")
        out.append("")
        windows = []
        k = 0
        while k * lifetime <= end:
            inside = [status for t, status in log if k * lifetime <= t < (k + 1) * lifetime]
            windows.append(f"+{k * lifetime}…{(k + 1) * lifetime} s: {len(inside)} requested, "
                           f"{sum(1 for s in inside if s == 200)} granted")
            k += 1
        out.append("Per fixed lifetime window: " + "; ".join(windows) + ".")
        close = [b - a for a, b in zip(grants, grants[1:]) if b - a < earliest - 2]
        gaps = [b - a for a, b in zip(grants, grants[1:]) if b - a > expiry]
        out.append(f"Grants closer than a token's earliest refresh (+{earliest:.0f} s) to the one before: {len(close)} "
                   f"(target 0: one grant per token lifetime across both replicas); tokens replaced after their expiry: "
                   f"{len(gaps)} (target 0); {self.startup_grants} granted while both replicas started on an empty Redis.")
        if self.calls_forgotten:
            out.append(f"The emulator forgot recorded calls {self.calls_forgotten} times (it keeps 10,000): token requests may be missing.")
        return out

    def log_report(self):
        """Warnings and errors in each replica's log, per segment, by message and cause."""
        out = []
        line_pattern = re.compile(r"^\S+ (warning|error|critical) (.*)$")
        for row in self.rows:
            start, stop = row["logs"]
            found = []
            for name in ("A", "B"):
                with open(self.path(f"serve-{name}.log"), "rb") as f:
                    f.seek(start[name])
                    text = f.read(max(stop[name] - start[name], 0)).decode(errors="replace")
                kinds = {}
                for line in text.splitlines():
                    match = line_pattern.match(line)
                    if not match:
                        continue
                    rest = match.group(2)
                    message = rest.rsplit("] ", 1)[-1][:120]
                    cause = re.search(r"authbridge\.cause=(\S+)", rest) or re.search(r"authbridge\.redis\.error=(RedisError\(\w+\))", rest)
                    key = (match.group(1), message, cause.group(1) if cause else None)
                    kinds[key] = kinds.get(key, 0) + 1
                for (level, message, cause), n in sorted(kinds.items(), key=lambda kv: -kv[1]):
                    found.append(f"{name}: {level} \"{message}\"{f' ({cause})' if cause else ''} × {n}")
            if found:
                out.append(f"- {row['segment']}: " + "; ".join(found))
        if out:
            out = ["", "Warnings and errors in the serve logs, per segment (replica: level \"message\" (cause) × lines):"] + out
        return out

    def diagnoses(self):
        """The log's cause for each failure's correlation id (at most 3 looked up per kind)."""
        logs = {n: open(self.path(f"serve-{n}.log"), errors="replace").read().splitlines() for n in ("A", "B")}
        out = {}
        for key, ids in self.stats.correlations.items():
            causes = set()
            for cid in ids[:3]:
                for lines in logs.values():
                    for line in lines:
                        if cid in line and "authbridge.correlation_id" in line:
                            match = re.search(r"authbridge\.cause=(\S+)", line) or re.search(r"authbridge\.diagnosis=(.{0,160})", line)
                            causes.add((match.group(1) if match else line[:200]).strip())
                            break
            out[key] = sorted(causes)
        return out

    def report(self):
        logs, leaks = self.secrets_in_logs()
        diagnoses = self.diagnoses()
        out = []
        out.append(f"Chaos soak: {self.args.phase_seconds} s per segment, {self.args.messenger_workers} Messenger and "
                   f"{self.args.oidc_workers} OpenID flow threads plus one on the other routes; {os.cpu_count()} cores; "
                   f"{self.elapsed:.0f} s of load.")
        out.append("")
        out.append("| segment | requests | failures (status: cause × count) | p50 / p99 ms | Genesys token requests (granted) | "
                   "duplicate contacts / notes | transcript lines lost | RSS A (MiB) | RSS B (MiB) |")
        out.append("|---|---:|---|---:|---:|---:|---:|---:|---:|")
        for row in self.rows:
            seg = row["segment"]
            requests = sum(n for (s, _), n in self.stats.requests.items() if s == seg)
            fails = {}
            for (s, route, status, cause), n in self.stats.failures.items():
                if s == seg:
                    fails[(route, status, cause)] = fails.get((route, status, cause), 0) + n
            failure_text = "; ".join(f"{route} {status}: {cause} × {n} of {self.stats.requests.get((seg, route), 0)}" for (route, status, cause), n in sorted(fails.items(), key=lambda kv: -kv[1])) or "0"
            lat = sorted(self.stats.latency.get(seg, [0]))
            p50 = lat[len(lat) // 2] * 1000
            p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000
            audit = row.get("audit")
            dup = f"{audit['duplicate_contacts']} / {audit['duplicate_notes']}" if audit else "with recovery"
            if audit and (audit["unwritten_after_drain"] or audit["uncarried_after_drain"]):
                dup += f"; {audit['unwritten_after_drain']} conversations never written, {audit['uncarried_after_drain']} without history"
            lost = f"{audit['lines_lost']} of {audit['customers'] * LINES_PER_CONVERSATION}" if audit else "with recovery"
            if audit and "late" in audit:
                lost += f"; {audit['late']['lines_lost']} {audit['late_after']:.0f} s after the fault began"
            rss = lambda n: f"{row['rss_start'][n] / 1024:.0f} → {row['rss_end'][n] / 1024:.0f}"
            out.append(f"| {seg} | {requests} | {failure_text} | {p50:.0f} / {p99:.0f} | {row['token_requests']} ({row['token_grants']}) | "
                       f"{dup} | {lost} | {rss('A')} | {rss('B')} |")
        out.append("")
        if hasattr(self, "restarted_ready"):
            out.append(f"Replica B, restarted while the Genesys token endpoint was down, {'was' if self.restarted_ready else 'was NOT'} ready (/readyz 200) within 30 s.")
        out += self.token_report()
        out += self.log_report()
        figures = {}
        for (s, route, status, cause), n in self.stats.figures.items():
            figures.setdefault(s, []).append(f"{route} {status}: {cause} × {n}")
        if figures:
            out.append("")
            out.append("Answers counted apart (expected under the fault, not failures):")
            for s, items in figures.items():
                out.append(f"- {s}: " + "; ".join(items))
        if diagnoses:
            out.append("")
            out.append("Causes in the serve logs, by failure:")
            for (s, route, status, cause), found in sorted(diagnoses.items(), key=lambda kv: str(kv[0])):
                if found:
                    out.append(f"- {s}, {route} {status} {cause}: " + " | ".join(found))
        out.append("")
        scanned = ", ".join(sorted(logs))
        if leaks:
            out.append(f"Secrets found in logs: {sum(leaks.values())} ({'; '.join(f'{name} in {log} × {n}' for (log, name), n in leaks.items())})")
        else:
            out.append(f"Secrets found in logs: 0 ({len(self.secrets)} generated secrets and {len(self.runtime_secrets)} customer "
                       f"credentials, codes and tokens, in {scanned}).")
        text = "\n".join(out)
        with open(self.args.results, "w") as f:
            f.write(text + "\n")
        print(text)
        failures = sum(self.stats.failures.values())
        problems = failures + sum(leaks.values()) + sum(
            (r["audit"]["duplicate_contacts"] + r["audit"]["duplicate_notes"] + r["audit"].get("late", r["audit"])["lines_lost"])
            for r in self.rows if r.get("audit"))
        return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--phase-seconds", type=float, default=20)
    parser.add_argument("--results", required=True)
    parser.add_argument("--messenger-workers", type=int, default=6)
    parser.add_argument("--oidc-workers", type=int, default=2)
    parser.add_argument("--customers-per-phase", type=int, default=150)
    parser.add_argument("--token-lifetime", type=int, default=300, help="the Genesys client's token lifetime, seconds (300-172800)")
    args = parser.parse_args()
    soak = Soak(args)
    try:
        soak.run()
    finally:
        soak.stop.set()
        soak.running.set()
        soak.shutdown()
    problems = soak.report()
    return 2 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
