#!/usr/bin/env python3
"""Runs schemathesis against `authbridge serve` on `authbridge emulate`: no 5xx, and every answer's
status, content type, headers and body match the committed OpenAPI document the server serves.

    python3 scripts/check-openapi.py [--max-examples N] [--binary PATH]
    OPENAPI_OVERRIDE=changed.json python3 scripts/check-openapi.py    (try a changed document first)

Needs `pip install schemathesis` and a built `authbridge` (default .build/debug/authbridge). Everything
listens on 127.0.0.1; every process is stopped at the end. Exit status: schemathesis's.
"""
import argparse, base64, hashlib, hmac, json, os, select, shutil, signal, socket, subprocess, sys, tempfile, time, urllib.parse, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, status=200, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as reply:
                if reply.status == status:
                    return
        except Exception:
            pass
        time.sleep(0.2)
    raise SystemExit(f"not answering {status}: {url}")


MESSAGING_KEY_ID = "app_1"
MESSAGING_SECRET = "messaging-secret-0123456789-abcdef-0123456789"
CLIENT_ID, CLIENT_SECRET = "genesys-messenger", "oidc-client-secret-0123456789-abcdef-0123"
REDIRECT_URI = "https://shop.example.com/chat"
DATA_ACTION = ("genesys-data-actions", "data-action-secret-0123456789-abcdef")


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def messaging_jwt():
    """A Zendesk Messaging JWT as a site's backend signs it (HS256 with the app key's secret)."""
    now = int(time.time())
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT", "kid": MESSAGING_KEY_ID}).encode())
    claims = b64url(json.dumps({"scope": "user", "external_id": "openapi-customer", "name": "Ada", "email": "ada@example.com",
                                "email_verified": True, "iat": now, "exp": now + 3600}).encode())
    signature = hmac.new(MESSAGING_SECRET.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
    return f"{header}.{claims}.{b64url(signature)}"


def post(url, body, headers):
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=10) as reply:
        return json.loads(reply.read())


def access_token(base):
    """A real access token, the way Messenger gets one: a code from the session route, redeemed at the
    token endpoint with the client's credential."""
    start = post(base + "/authbridge/v1/session", json.dumps({
        "credential": messaging_jwt(), "credentialKind": "messagingJWT", "widget": "messenger",
        "messenger": {"clientId": CLIENT_ID, "redirectUri": REDIRECT_URI, "nonce": "openapi-nonce-0123456789"}}).encode(),
        {"Content-Type": "application/json"})
    basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
    form = {"grant_type": "authorization_code", "code": start["authCode"], "redirect_uri": start["redirectUri"]}
    if "codeVerifier" in start:
        form["code_verifier"] = start["codeVerifier"]
    tokens = post(base + "/oidc/token", urllib.parse.urlencode(form).encode(),
        {"Content-Type": "application/x-www-form-urlencoded", "Authorization": "Basic " + basic})
    return tokens["access_token"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-examples", type=int, default=25)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "authbridge"))
    args = parser.parse_args()
    if shutil.which("schemathesis") is None:
        raise SystemExit("schemathesis is missing: python3 -m pip install schemathesis")

    work = tempfile.mkdtemp(prefix="authbridge-openapi-")
    children = []
    try:
        emulate = subprocess.Popen([args.binary, "emulate", "--json"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        children.append(emulate)
        # A minute for the emulators to say where they listen; a silent one must not hang CI.
        ready, _, _ = select.select([emulate.stdout], [], [], 60)
        if not ready:
            raise SystemExit("authbridge emulate printed nothing within 60 s")
        urls = json.loads(emulate.stdout.readline())

        for kid in ("current", "next"):
            subprocess.run([args.binary, "keys", "generate", "--algorithm", "ES256", "--key-id", kid,
                            "--output", os.path.join(work, kid + ".pem")], check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        read = lambda name: open(os.path.join(work, name)).read()
        configuration = {
            "server": {"port": port, "allowedOrigins": "https://shop.example.com",
                       # schemathesis sends thousands of requests from one address: the per-address limit
                       # would answer 429s and test nothing else.
                       "rateLimitPerMinute": 1000000},
            "zendesk": {"messaging": {"keyId": MESSAGING_KEY_ID, "secret": MESSAGING_SECRET}},
            "genesys": {"baseURL": urls["genesys"], "client": {"id": "emulator-client", "secret": "emulator-secret"},
                        "dataAction": {"userName": DATA_ACTION[0], "secret": DATA_ACTION[1]}},
            "oidc": {"issuer": base, "client": {"id": CLIENT_ID, "secret": CLIENT_SECRET},
                     "redirectUris": REDIRECT_URI, "algorithm": "ES256",
                     "signingKey": read("current.pem"), "signingKeyId": "current",
                     "nextSigningKey": read("next.pem"), "nextSigningKeyId": "next"},
        }
        config_path = os.path.join(work, "authbridge.json")
        with open(config_path, "w") as f:
            json.dump(configuration, f)
        environment = {k: v for k, v in os.environ.items() if not k.startswith("AUTHBRIDGE_")}
        log = open(os.path.join(work, "serve.log"), "w")
        serve = subprocess.Popen([args.binary, "serve", "--config", config_path], stdout=log, stderr=subprocess.STDOUT, env=environment)
        children.append(serve)
        wait_for(base + "/readyz")

        # Each security scheme of the document gets its real credential, so the authenticated answers
        # are checked too, not only the 401s.
        config_file = os.path.join(work, "schemathesis.toml")
        with open(config_file, "w") as f:
            f.write(f"""[auth.openapi.dataActionCredential]
username = "{DATA_ACTION[0]}"
password = "{DATA_ACTION[1]}"

[auth.openapi.clientSecretBasic]
username = "{CLIENT_ID}"
password = "{CLIENT_SECRET}"

[auth.openapi.accessToken]
bearer = "{access_token(base)}"
""")

        command = [
            "schemathesis", "--config-file", config_file, "run", os.environ.get("OPENAPI_OVERRIDE", base + "/openapi.json"), "--url", base,
            "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,"
                        "response_schema_conformance,response_headers_conformance",
            "--max-examples", str(args.max_examples), "--workers", "1", "--seed", "20261205",
            "--phases", "examples,coverage,fuzzing",
            "--request-timeout", "10",
        ]
        print("$", " ".join(command), flush=True)
        status = subprocess.call(command, cwd=work)  # its cache directory goes to the temporary folder
        if serve.poll() is not None:
            print("authbridge serve stopped during the run:\n" + open(os.path.join(work, "serve.log")).read()[-4000:])
            status = status or 1
        return status
    finally:
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
                try:
                    child.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    child.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
