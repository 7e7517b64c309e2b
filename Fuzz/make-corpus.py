#!/usr/bin/env python3
"""Writes the seed corpora of `authbridge-fuzz` under Fuzz/Corpus/<target>/: a few valid inputs of each
kind and their usual near misses, so the fuzzer starts inside each format. Deterministic; run again after
changing it. Keys here are throw-away test keys made for the corpus, never deployment keys.

    python3 Fuzz/make-corpus.py
"""
import base64, hashlib, hmac, json, os, shutil, subprocess, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "Corpus")


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def hs256(claims, kid="h", secret=b"fuzzing-hmac-secret-0123456789-abcdef"):
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT", "kid": kid}).encode())
    payload = b64url(json.dumps(claims).encode())
    signature = hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{b64url(signature)}"


def write(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def main():
    shutil.rmtree(CORPUS, ignore_errors=True)
    claims = {"sub": "customer-1", "iat": 1764892800, "exp": 4102444800, "scope": "user", "external_id": "c-1"}
    token = hs256(claims)
    write("jws", "valid-hs256", token)
    write("jws", "none-alg", b64url(b'{"alg":"none"}') + "." + b64url(json.dumps(claims).encode()) + ".")
    write("jws", "unknown-kid", hs256(claims, kid="x"))
    write("jws", "two-parts", token.rsplit(".", 1)[0])
    write("jws", "es256-header", b64url(b'{"alg":"ES256","kid":"e"}') + "." + b64url(b"{}") + "." + b64url(b"\x00" * 64))
    write("jws", "nested-claims", hs256({"a": {"b": [1, 2, {"c": None}]}, "exp": 4102444800}))

    for name, text in {
        "object": '{"a":1,"b":[true,false,null],"c":"\\u00e9\\ud83d\\ude00","d":-0.5e-3}',
        "deep": "[" * 20 + "]" * 20,
        "number-edges": "[0,-0,1e308,-1e-308,123456789012345678901234567890,0.1]",
        "string-escapes": '"\\b\\f\\n\\r\\t\\/\\\\\\""',
        "duplicate-keys": '{"a":1,"a":2}',
        "bom": "\ufeff{}",
        "trailing": '{"a":1} x',
    }.items():
        write("json", name, text)

    work = tempfile.mkdtemp()
    try:
        pems = {}
        for name, args in {"rsa": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
                           "ec": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
                           "ed25519": ["-algorithm", "ED25519"]}.items():
            private = os.path.join(work, name + ".pem")
            subprocess.run(["openssl", "genpkey", *args, "-out", private], check=True, capture_output=True)
            public = subprocess.run(["openssl", "pkey", "-in", private, "-pubout"], check=True, capture_output=True).stdout
            pems[name] = (open(private).read(), public.decode())
        for name, (private, public) in pems.items():
            write("pem", name + "-private", private)
            write("pem", name + "-public", public)
        write("pem", "truncated", pems["rsa"][0][: len(pems["rsa"][0]) // 2])
        write("pem", "wrong-label", pems["ec"][1].replace("PUBLIC KEY", "CERTIFICATE"))
    finally:
        shutil.rmtree(work)

    write("jwk", "oct", json.dumps({"kty": "oct", "kid": "h", "k": b64url(b"fuzzing-hmac-secret-0123456789-abcdef"), "alg": "HS256"}))
    write("jwk", "ec", json.dumps({"kty": "EC", "crv": "P-256", "kid": "e", "alg": "ES256",
                                   "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}))
    write("jwk", "rsa", json.dumps({"kty": "RSA", "kid": "r", "alg": "RS256", "e": "AQAB",
                                    "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"}))
    write("jwk", "okp", json.dumps({"kty": "OKP", "crv": "Ed25519", "kid": "d", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}))
    write("jwk", "set", json.dumps({"keys": [{"kty": "oct", "kid": "h", "k": "AAAA"}, {"kty": "EC", "crv": "P-384", "kid": "x", "x": "", "y": ""}]}))
    write("jwk", "private-rsa-missing-primes", json.dumps({"kty": "RSA", "n": "AQAB", "e": "AQAB", "d": "AQAB"}))

    for name, data in {
        "simple-string": b"+OK\r\n", "error": b"-ERR unknown command\r\n", "integer": b":1000\r\n",
        "bulk": b"$5\r\nhello\r\n", "null-bulk": b"$-1\r\n", "array": b"*2\r\n$3\r\nfoo\r\n:42\r\n",
        "resp3-map": b"%2\r\n+a\r\n:1\r\n+b\r\n#t\r\n", "resp3-double": b",3.14\r\n", "resp3-big": b"(3492890328409238509324850943850943825024385\r\n",
        "resp3-verbatim": b"=15\r\ntxt:Some string\r\n", "nested": b"*1\r\n" * 10 + b"+x\r\n", "huge-length": b"$999999999999\r\n",
        "pipelined": b"+OK\r\n:1\r\n$1\r\na\r\n", "negative-array": b"*-1\r\n", "set": b"~2\r\n+a\r\n+b\r\n", "push": b">2\r\n+message\r\n+x\r\n",
        # Redis Cluster: a CLUSTER SLOTS reply (master and replica, a NULL and an empty host), MOVED and ASK.
        "cluster-slots": b"*2\r\n*4\r\n:0\r\n:8191\r\n*3\r\n$9\r\n127.0.0.1\r\n:7000\r\n$2\r\nid\r\n*3\r\n$9\r\n127.0.0.1\r\n:7003\r\n$2\r\nid\r\n"
        b"*3\r\n:8192\r\n:16383\r\n*2\r\n$-1\r\n:7001\r\n",
        "moved": b"-MOVED 3999 127.0.0.1:6381\r\n", "ask": b"-ASK 3999 :6381\r\n",
    }.items():
        write("resp", name, data)

    for name, text in {
        "code": "grant_type=authorization_code&code=abc&redirect_uri=https%3A%2F%2Fshop.example.com%2Fchat&code_verifier=" + "a" * 43,
        "refresh": "grant_type=refresh_token&refresh_token=xyz&client_id=genesys-messenger&client_secret=s",
        "repeated": "code=a&code=b", "plus-and-percent": "a=%2B+b&c=%zz", "empty": "", "no-value": "a&b=&=c",
    }.items():
        write("form", name, text)

    messenger = {"credential": token, "credentialKind": "messagingJWT", "widget": "messenger",
                 "messenger": {"clientId": "genesys-messenger", "redirectUri": "https://shop.example.com/chat", "nonce": "n"}}
    write("page-request", "messenger", json.dumps(messenger))
    write("page-request", "history-chat", json.dumps({**messenger, "history": {"zendeskChatId": "1704.2314815.QHgVx6SOrRuSx"}}))
    write("page-request", "history-sunshine", json.dumps({**messenger, "history": {"sunshineConversationId": "c", "sunshineUserId": "u"}}))
    write("page-request", "web-chat", json.dumps({"credential": token, "credentialKind": "chatVisitorJWT", "widget": "webChat"}))
    write("page-request", "session-end", json.dumps({"credential": token, "credentialKind": "oauthToken"}))
    write("page-request", "wrong-types", json.dumps({"credential": 1, "credentialKind": [], "widget": None, "messenger": "x"}))

    write("data-action", "authenticated", json.dumps({"conversationId": "3f1d1c2e-0000-4000-8000-000000000000", "sub": "customer-1", "isAuthenticated": True}))
    write("data-action", "guest", json.dumps({"conversationId": "3f1d1c2e", "sub": "", "isAuthenticated": "false"}))
    write("data-action", "backstop", json.dumps({"conversationId": "c-1", "sub": "s", "isAuthenticated": "true", "participantId": "p-1", "externalContactId": ""}))
    write("data-action", "extra-member", json.dumps({"conversationId": "c", "sub": "s", "isAuthenticated": True, "x": 1}))
    write("data-action", "nested", json.dumps({"conversationId": {"a": "b"}, "sub": ["s"], "isAuthenticated": 1}))

    write("configuration", "messenger", json.dumps({
        "server": {"port": 8080, "allowedOrigins": "https://shop.example.com"},
        "zendesk": {"messaging": {"keyId": "app_1", "secret": "messaging-secret-0123456789-abcdef-0123456789"}},
        "genesys": {"region": "mypurecloud.com", "client": {"id": "c", "secret": "s"}, "dataAction": {"userName": "u", "secret": "data-action-secret-0123"}},
        "oidc": {"issuer": "https://auth.example.com", "client": {"id": "genesys-messenger", "secret": "oidc-client-secret-0123456789-abcdef"},
                 "redirectUris": "https://shop.example.com/chat", "signingKey": "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "signingKeyId": "a"},
        "redis": {"host": "127.0.0.1", "port": 6379}}))
    write("configuration", "flat-keys", json.dumps({"server.port": "x", "zendesk.chat.sharedSecret": 1, "genesys.baseURL": "ftp://x"}))
    write("configuration", "arrays", json.dumps({"server": [1, 2], "oidc": {"redirectUris": ["a", "b"]}}))

    chat = {"id": "1704.2314815.QHgVx6SOrRuSx", "visitor": {"id": "v1", "name": "Ada", "email": "ada@example.com"},
            "zendesk_ticket_id": 42, "tags": ["vip"], "history": [
                {"type": "chat.msg", "name": "Ada", "msg": "Hello", "timestamp": 1764892800000},
                {"type": "chat.memberjoin", "name": "Agent", "timestamp": 1764892801000},
                {"type": "chat.file", "name": "Ada", "attachment": {"name": "a.png", "mime_type": "image/png", "size": 10}}]}
    write("zendesk-response", "chat", json.dumps(chat))
    write("zendesk-response", "sunshine-messages", json.dumps({"messages": [
        {"id": "5f8e8c8b8a8b8c8d8e8f9091", "received": "2026-12-05T10:00:00.123Z", "author": {"type": "user", "userId": "u", "subtypes": []},
         "content": {"type": "text", "text": "Hi", "actions": [{"type": "link", "text": "t", "uri": "https://x"}]}},
        {"id": "5f8e8c8b8a8b8c8d8e8f9092", "author": {"type": "business", "subtypes": ["AI"]},
         "content": {"type": "form", "fields": [{"type": "text", "name": "n", "label": "L"}]}},
        {"id": "5f8e8c8b8a8b8c8d8e8f9093", "author": {"type": "user"}, "content": {"type": "formResponse", "textFallback": "a"}},
        {"id": "5f8e8c8b8a8b8c8d8e8f9094", "author": {"type": "activity"}, "content": {"type": "text"}, "activity": {"type": "ticket:closed"}},
        {"id": "5f8e8c8b8a8b8c8d8e8f9095", "author": {"type": "user"}, "content": {"type": "file", "mediaUrl": "https://x/f", "mediaSize": 3, "altText": "f"}},
        {"id": "5f8e8c8b8a8b8c8d8e8f9096", "author": {"type": "user"}, "content": {"type": "carousel", "items": [{"title": "t", "actions": []}]}},
        {"content": None}, 7]}))
    write("zendesk-response", "error", json.dumps({"error": "invalid_token", "error_description": "The access token provided is expired"}))
    write("zendesk-response", "grant", json.dumps({"access_token": "t", "token_type": "bearer", "scope": "read", "expires_in": 7200}))
    write("zendesk-response", "token-info", json.dumps({"token": {"id": 1, "user_id": "42", "client_id": 3, "scopes": ["read"]}}))

    write("genesys-response", "error", json.dumps({"message": "Missing permission", "code": "missing.permissions", "status": 403,
                                                   "messageParams": {"a": "b"}, "contextId": "c"}))
    write("genesys-response", "token-error", json.dumps({"error": "invalid_client", "description": "bad"}))
    write("genesys-response", "contact", json.dumps({"id": "3f1d1c2e-0000-4000-8000-000000000000", "firstName": "Ada",
                                                     "externalIds": [{"externalSource": {"id": "s"}, "value": "c-1"}],
                                                     "workEmail": "ada@example.com", "type": "Curated"}))
    write("genesys-response", "conversation", json.dumps({"id": "c", "participants": [{"id": "p", "purpose": "customer", "authenticated": True,
                                                          "fromAddress": {"addressDisplayable": "s"}, "externalContact": {"id": "x"}}]}))
    write("genesys-response", "html", "<html><body>502 Bad Gateway</body></html>")


if __name__ == "__main__":
    main()
