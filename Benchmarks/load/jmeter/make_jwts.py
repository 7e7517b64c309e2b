#!/usr/bin/env python3
"""Writes a CSV of valid Zendesk Messaging JWTs for the JMeter plan: one line per customer, `sub,jwt`.

    make_jwts.py --secret-file FILE --kid KID --count N --output FILE [--lifetime SECONDS]

Each token is what a site's server mints for Zendesk Messaging (HS256, `kid` in the header) and what
AuthBridge's `ZendeskMessagingJWTValidator` accepts: `scope` "user", a distinct `external_id` (which
becomes Messenger's `sub`, so it is the first column), `name`, a distinct `email` with
`email_verified: true` (customers sharing an email would merge into one Genesys External Contact), `iat`
and `exp` (required; at most 24 hours apart). The secret is read from a file and never printed; the CSV
holds live credentials, so write it to a temporary directory (run.sh does) and never commit it.
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import time


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def sign(claims: dict, secret: bytes, kid: str) -> str:
    header = {"alg": "HS256", "typ": "JWT", "kid": kid}
    signing_input = b64url(json.dumps(header, separators=(",", ":")).encode()) + "." + b64url(
        json.dumps(claims, separators=(",", ":")).encode()
    )
    signature = hmac.new(secret, signing_input.encode("ascii"), hashlib.sha256).digest()
    return signing_input + "." + b64url(signature)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--secret-file", required=True, help="the Messaging signing secret (zendesk.messaging.secret), raw bytes")
    parser.add_argument("--kid", required=True, help="the signing key id (zendesk.messaging.keyId)")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--lifetime", type=int, default=7200, help="exp - iat in seconds (AuthBridge allows at most 86400)")
    parser.add_argument("--output", required=True)
    parser.add_argument("--prefix", default="jm-" + os.urandom(3).hex(), help="external_id prefix (random per run by default)")
    arguments = parser.parse_args()

    with open(arguments.secret_file, "rb") as file:
        secret = file.read().strip()
    now = int(time.time())
    # Owner-only: the file holds credentials.
    descriptor = os.open(arguments.output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as out:
        for index in range(arguments.count):
            subject = f"{arguments.prefix}-{index:06d}"
            claims = {
                "scope": "user",
                "external_id": subject,
                "name": f"Load Customer {index}",
                "email": f"{subject}@example.com",
                "email_verified": True,
                "iat": now,
                "exp": now + arguments.lifetime,
            }
            out.write(f"{subject},{sign(claims, secret, arguments.kid)}\n")


if __name__ == "__main__":
    main()
