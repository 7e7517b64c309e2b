import AuthBridge
import AuthBridgeServer
import AuthBridgeTesting
import Foundation
import Hummingbird
import NIOHTTP1
import Testing

@testable import AuthBridgeTestSupport

/// Messenger's authenticated sign-in end to end over loopback: a Zendesk Messaging JWT → AuthBridge's
/// code route → the emulated Genesys exchange (which reads our discovery and JWKS and redeems the code at
/// our token endpoint) → a Genesys JWT; refreshes; sign-out.
@Suite struct MessengerSignInTests {
    @Test func signInRefreshAndSignOut() async throws {
        let fixture = try await MessengerFixture.start()
        defer { Task { await fixture.stop() } }
        let jwt = try MessengerFixture.messagingJWT()

        let code = try await fixture.authCode(jwt: jwt)
        #expect(code.status == 200)
        #expect(code.headers["Cache-Control"].first == "no-store")
        let payload = code.json
        #expect(payload["redirectUri"]?.stringValue == MessengerFixture.redirectURI)
        #expect(payload["nonce"]?.stringValue == "nonce-from-the-page-123")
        #expect((payload["authCode"]?.stringValue?.count ?? 0) >= 43)
        #expect((payload["codeVerifier"]?.stringValue?.count ?? 0) >= 43)

        let exchange = try await fixture.exchange(payload)
        #expect(exchange.status == 200, "\(exchange.body)")
        let genesysJWT = try #require(exchange.json["jwt"]?.stringValue)
        let refreshToken = try #require(exchange.json["refreshToken"]?.stringValue)
        let claims = try #require(fixture.genesys.verifiedClaims(of: genesysJWT))
        #expect(claims.contains(#""sub":"zd-customer-4711""#))
        let jwtClaims = try #require(try JSONValue(parsing: claims).objectValue)
        let lifetime = (jwtClaims["exp"]?.numberValue ?? 0) - (jwtClaims["iat"]?.numberValue ?? 0)
        #expect(lifetime > 0 && lifetime <= 900)

        // What Genesys's backend read from our ID token: the identity Architect sees.
        let session = try #require(fixture.genesys.messengerSessions.first)
        #expect(session.subject == "zd-customer-4711")
        let identity = try #require(try JSONValue(parsing: session.identityClaimsJSON).objectValue)
        #expect(identity["email"]?.stringValue == "ada@example.com")
        #expect(identity["email_verified"] == .bool(true))
        #expect(identity["given_name"]?.stringValue == "Ada King")
        #expect(identity["family_name"]?.stringValue == "Lovelace")
        #expect(identity["aud"]?.stringValue == MessengerFixture.clientID)
        #expect(identity["iss"]?.stringValue == fixture.baseURL)
        #expect(identity["https://authbridge.dev/zendesk"]?.objectValue?["credential_kind"] != nil)

        let refreshed = try await fixture.refresh(refreshToken)
        #expect(refreshed.status == 200, "\(refreshed.body)")
        #expect(refreshed.json["jwt"]?.stringValue != nil)
        #expect(fixture.genesys.messengerSessions.first?.refreshCount == 1)
        // Genesys re-checked the session at our token endpoint with the refresh token it holds.
        let refreshGrants = fixture.server.calls.all.filter {
            $0.path == "/oidc/token" && String(decoding: $0.body, as: UTF8.self).contains("grant_type=refresh_token")
        }
        #expect(refreshGrants.count == 1)

        // The customer signs out of the site: the page tells AuthBridge, and the next refresh fails.
        let end = try await PageClient.send(
            .POST,
            fixture.baseURL + "/authbridge/v1/session/end",
            json: ["credential": .string(jwt), "credentialKind": "messagingJWT"]
        )
        #expect(end.status == 204)
        let refused = try await fixture.refresh(refreshToken)
        #expect(refused.status == 401)
        #expect(refused.json["code"]?.stringValue == "authentication.failed")
        #expect(refused.body.contains("invalid_grant"))
        #expect(fixture.genesys.messengerSessions.first?.hasEnded == true)

        // Every Messenger call the page made and every answer the emulator gave (exchange, refresh, the
        // refused refresh) match Genesys's published definitions (`Tests/Contracts/genesys`).
        let contract = try GenesysContract.load()
        let messengerCalls = fixture.genesys.calls.all.filter { $0.path.hasPrefix("/api/v2/webdeployments/") }
        #expect(messengerCalls.count >= 3)
        for call in messengerCalls {
            let problems = contract.problems(of: call, legacy: false)
            #expect(problems.isEmpty, "\(problems)")
        }

        // No credential, code, verifier, token or secret reached a log line.
        let logs = fixture.logText
        for secret in [
            jwt, payload["authCode"]?.stringValue, payload["codeVerifier"]?.stringValue, genesysJWT, refreshToken, MessengerFixture.clientSecret,
            MessengerFixture.zendeskSecret,
        ] {
            let secret = try #require(secret)
            #expect(!logs.contains(secret))
        }
        // Genesys sent the client secret Basic-encoded; the recorded calls never show it in either form.
        let basic = Data("\(MessengerFixture.clientID):\(MessengerFixture.clientSecret)".utf8).base64EncodedString()
        let tokenCalls = fixture.server.calls.all.filter { $0.path == "/oidc/token" }
        #expect(tokenCalls.contains { $0.headers[.authorization] == "Basic " + basic })
        for call in tokenCalls {
            #expect(!String(describing: call).contains(basic))
            #expect(!String(describing: call).contains(MessengerFixture.clientSecret))
        }
    }

    @Test func pageHeldVerifierWithS256Challenge() async throws {
        let fixture = try await MessengerFixture.start()
        defer { Task { await fixture.stop() } }
        // RFC 7636 appendix B.
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        let code = try await fixture.authCode(jwt: try MessengerFixture.messagingJWT(), codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        #expect(code.status == 200)
        var payload = code.json
        #expect(payload["codeVerifier"] == nil)
        payload["codeVerifier"] = .string(verifier)
        let exchange = try await fixture.exchange(payload)
        #expect(exchange.status == 200, "\(exchange.body)")
    }

    @Test func reusedCodeFailsAndRevokesWhatTheFirstIssued() async throws {
        let fixture = try await MessengerFixture.start()
        defer { Task { await fixture.stop() } }
        let payload = try await fixture.authCode(jwt: try MessengerFixture.messagingJWT()).json
        let first = try await fixture.exchange(payload)
        #expect(first.status == 200)
        let second = try await fixture.exchange(payload)
        #expect(second.status == 401)
        #expect(second.body.contains("invalid_grant"))
        // RFC 9700 §4.5: the first redemption's refresh token is revoked too.
        let refresh = try await fixture.refresh(try #require(first.json["refreshToken"]?.stringValue))
        #expect(refresh.status == 401)
    }

    @Test func expiredCodeIsRefused() async throws {
        let fixture = try await MessengerFixture.start()
        defer { Task { await fixture.stop() } }
        let payload = try await fixture.authCode(jwt: try MessengerFixture.messagingJWT()).json
        fixture.clock.advance(seconds: 61)
        let exchange = try await fixture.exchange(payload)
        #expect(exchange.status == 401)
        #expect(exchange.body.contains("invalid_grant"))
    }

    @Test func wrongRedirectURIAtTheExchangeIsRefused() async throws {
        let fixture = try await MessengerFixture.start()
        defer { Task { await fixture.stop() } }
        var payload = try await fixture.authCode(jwt: try MessengerFixture.messagingJWT()).json
        payload["redirectUri"] = "https://shop.example.com/elsewhere"
        let exchange = try await fixture.exchange(payload)
        #expect(exchange.status == 401)
        #expect(exchange.body.contains("invalid_grant"))
    }

    @Test func unregisteredRedirectURIGetsNoCode() async throws {
        let fixture = try await MessengerFixture.start()
        defer { Task { await fixture.stop() } }
        let reply = try await fixture.authCode(jwt: try MessengerFixture.messagingJWT(), redirectURI: "https://evil.example.net/cb")
        #expect(reply.status == 400)
        #expect(reply.json["authCode"] == nil)
        #expect(reply.json["correlationId"]?.stringValue != nil)
    }

    @Test func wrongVerifierIsRefused() async throws {
        let fixture = try await MessengerFixture.start()
        defer { Task { await fixture.stop() } }
        var payload = try await fixture.authCode(jwt: try MessengerFixture.messagingJWT()).json
        payload["codeVerifier"] = .string(String(repeating: "x", count: 43))
        let exchange = try await fixture.exchange(payload)
        #expect(exchange.status == 401)
        #expect(exchange.body.contains("invalid_grant"))
    }

    @Test func plainPKCEIsRefusedAtTheCodeRoute() async throws {
        let fixture = try await MessengerFixture.start()
        defer { Task { await fixture.stop() } }
        let reply = try await fixture.authCode(
            jwt: try MessengerFixture.messagingJWT(), codeChallenge: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", method: "plain")
        #expect(reply.status == 400)
        #expect(reply.json["authCode"] == nil)
    }

    @Test func wrongClientSecretInTheIntegrationIsRefused() async throws {
        let fixture = try await MessengerFixture.start(integrationSecret: "not-the-secret-the-provider-knows-000000")
        defer { Task { await fixture.stop() } }
        let payload = try await fixture.authCode(jwt: try MessengerFixture.messagingJWT()).json
        let exchange = try await fixture.exchange(payload)
        #expect(exchange.status == 401)
        #expect(exchange.body.contains("invalid_client"))
        #expect(!exchange.body.contains("not-the-secret"))
    }

    @Test func nonceMismatchIsRefusedByGenesys() async throws {
        let fixture = try await MessengerFixture.start()
        defer { Task { await fixture.stop() } }
        var payload = try await fixture.authCode(jwt: try MessengerFixture.messagingJWT()).json
        payload["nonce"] = "a-different-nonce"
        let exchange = try await fixture.exchange(payload)
        #expect(exchange.status == 401)
        #expect(exchange.body.contains("nonce"))
    }

    @Test func invalidZendeskSessionGetsNoCode() async throws {
        let fixture = try await MessengerFixture.start()
        defer { Task { await fixture.stop() } }
        let forged = try MessengerFixture.messagingJWT(secret: "some-other-secret-that-zendesk-never-issued-000")
        let reply = try await fixture.authCode(jwt: forged)
        #expect(reply.status == 401)
        #expect(reply.json["authCode"] == nil)
        #expect(reply.json.count == 2)  // error and correlationId: nothing about why goes to the browser
        let correlation = try #require(reply.json["correlationId"]?.stringValue)
        #expect(fixture.logText.contains(correlation))
        #expect(!fixture.logText.contains(forged))
    }

    @Test func idTokenSignedByAKeyRetiredPastItsGraceIsRefused() async throws {
        let fixture = try await MessengerFixture.start()
        defer { Task { await fixture.stop() } }
        let payload = try await fixture.authCode(jwt: try MessengerFixture.messagingJWT())
            .json
        // Hold Genesys's JWKS read until the ring has rotated with no grace: the ID token it is about to
        // check was signed by a key that is no longer published.
        fixture.server.faults.inject(.delay(.milliseconds(600)), on: EmulatorRoute(.get, "/oidc/jwks.json"))
        async let exchange = fixture.exchange(payload)
        try await Self.waitUntil { fixture.server.calls.all.contains { $0.path == "/oidc/jwks.json" } }
        try fixture.keyRing.rotate(newNext: try MessengerFixture.ringKeys.get()[2], grace: .zero, now: fixture.clock.now - 1)
        let reply = try await exchange
        #expect(reply.status == 401)
        #expect(reply.body.contains("keyNotFound"))
        // With a grace period the same race signs in: the retired key is still published.
        let next = try await fixture.authCode(jwt: try MessengerFixture.messagingJWT()).json
        fixture.server.faults.inject(.delay(.milliseconds(600)), on: EmulatorRoute(.get, "/oidc/jwks.json"))
        async let second = fixture.exchange(next)
        try await Self.waitUntil { fixture.server.calls.all.filter { $0.path == "/oidc/jwks.json" }.count >= 2 }
        try fixture.keyRing.rotate(newNext: try MessengerFixture.ringKeys.get()[3], grace: .seconds(900), now: fixture.clock.now)
        #expect(try await second.status == 200)
    }

    @Test func refreshTokenReuseRevokesTheFamily() async throws {
        // Genesys's backend role played directly against our token endpoint over HTTP.
        let fixture = try await MessengerFixture.start()
        defer { Task { await fixture.stop() } }
        let payload = try await fixture.authCode(jwt: try MessengerFixture.messagingJWT()).json
        let basic = "Basic " + Data("\(MessengerFixture.clientID):\(MessengerFixture.clientSecret)".utf8).base64EncodedString()
        let token = fixture.baseURL + "/oidc/token"
        let redeemed = try await PageClient.send(
            .POST,
            token,
            form: [
                ("grant_type", "authorization_code"), ("code", try #require(payload["authCode"]?.stringValue)),
                ("redirect_uri", MessengerFixture.redirectURI), ("code_verifier", try #require(payload["codeVerifier"]?.stringValue)),
            ],
            headers: [("Authorization", basic)],
            origin: nil
        )
        #expect(redeemed.status == 200)
        let first = try #require(redeemed.json["refresh_token"]?.stringValue)
        let rotated = try await PageClient.send(
            .POST, token, form: [("grant_type", "refresh_token"), ("refresh_token", first)], headers: [("Authorization", basic)], origin: nil)
        #expect(rotated.status == 200)
        let second = try #require(rotated.json["refresh_token"]?.stringValue)
        #expect(second != first)
        let reused = try await PageClient.send(
            .POST, token, form: [("grant_type", "refresh_token"), ("refresh_token", first)], headers: [("Authorization", basic)], origin: nil)
        #expect(reused.status == 400)
        #expect(reused.json["error"]?.stringValue == "invalid_grant")
        let afterReuse = try await PageClient.send(
            .POST, token, form: [("grant_type", "refresh_token"), ("refresh_token", second)], headers: [("Authorization", basic)], origin: nil)
        #expect(afterReuse.json["error"]?.stringValue == "invalid_grant")
    }

    @Test func deploymentNotActiveOrForeignOriginIsRefused() async throws {
        let fixture = try await MessengerFixture.start()
        defer { Task { await fixture.stop() } }
        let payload = try await fixture.authCode(jwt: try MessengerFixture.messagingJWT()).json
        let foreign = try await fixture.exchange(payload, origin: "https://evil.example.net")
        #expect(foreign.status == 403)
        #expect(foreign.json["code"]?.stringValue == "origin.not.allowed")
        let missing = try await fixture.exchange(payload, origin: nil)
        #expect(missing.status == 403)
        #expect(missing.json["code"]?.stringValue == "origin.not.allowed")
        fixture.genesys.deploy(.init(id: MessengerFixture.deploymentID, status: .inactive, allowedDomains: ["shop.example.com"]))
        let inactive = try await fixture.exchange(payload)
        #expect(inactive.status == 403)
        #expect(inactive.json["code"]?.stringValue == "deployment.not.active")
        // Neither refusal consumed the code: Genesys refused before it called the provider.
        #expect(!fixture.server.calls.all.contains { $0.path == "/oidc/token" })
    }

    @Test func genesysAnswersTheBrowserWithCORSForAnAllowedOriginOnly() async throws {
        let fixture = try await MessengerFixture.start()
        defer { Task { await fixture.stop() } }
        let preflight = try await PageClient.send(
            .OPTIONS,
            fixture.exchangeURL,
            headers: [("Access-Control-Request-Method", "POST"), ("Access-Control-Request-Headers", "content-type")]
        )
        #expect(preflight.status == 204)
        #expect(preflight.headers["Access-Control-Allow-Origin"].first == PageClient.origin)
        #expect(preflight.headers["Access-Control-Allow-Methods"].first?.contains("POST") == true)
        let foreign = try await PageClient.send(.OPTIONS, fixture.exchangeURL, origin: "https://evil.example.net")
        #expect(foreign.status == 403)
        #expect(foreign.headers["Access-Control-Allow-Origin"].isEmpty)
        let exchange = try await fixture.exchange(try await fixture.authCode(jwt: try MessengerFixture.messagingJWT()).json)
        #expect(exchange.status == 200)
        #expect(exchange.headers["Access-Control-Allow-Origin"].first == PageClient.origin)
    }

    @Test func aMalformedPageRequestNamesTheMemberAndCarriesACorrelationID() async throws {
        let fixture = try await MessengerFixture.start()
        defer { Task { await fixture.stop() } }
        let reply = try await PageClient.send(
            .POST, fixture.baseURL + "/authbridge/v1/session", json: ["credentialKind": "messagingJWT", "widget": "messenger"])
        #expect(reply.status == 400)
        #expect(reply.json["error"]?.stringValue == "credential is required")
        let id = try #require(reply.json["correlationId"]?.stringValue)
        #expect(fixture.logText.contains(id))
    }

    @Test func revokeEndsTheGenesysSession() async throws {
        let fixture = try await MessengerFixture.start()
        defer { Task { await fixture.stop() } }
        let exchange = try await fixture.exchange(try await fixture.authCode(jwt: try MessengerFixture.messagingJWT()).json)
        let jwt = try #require(exchange.json["jwt"]?.stringValue)
        let revoke = try await PageClient.send(.DELETE, fixture.revokeURL, headers: [("Authorization", "bearer " + jwt)])
        #expect(revoke.status == 204)
        let refresh = try await fixture.refresh(try #require(exchange.json["refreshToken"]?.stringValue))
        #expect(refresh.status == 401)
    }

    @Test func discoveryAndJWKSAreServed() async throws {
        let fixture = try await MessengerFixture.start()
        defer { Task { await fixture.stop() } }
        let discovery = try await PageClient.send(.GET, fixture.baseURL + "/.well-known/openid-configuration", origin: nil)
        #expect(discovery.json["issuer"]?.stringValue == fixture.baseURL)
        #expect(discovery.json["token_endpoint"]?.stringValue == fixture.baseURL + "/oidc/token")
        let jwks = try JWKSet(json: try await PageClient.send(.GET, fixture.baseURL + "/oidc/jwks.json", origin: nil).body)
        #expect(jwks.keys.compactMap(\.keyID).sorted() == ["ring-1", "ring-2"])
        let authorize = try await PageClient.send(.GET, fixture.baseURL + "/oidc/authorize?response_type=code", origin: nil)
        #expect(authorize.status == 400)
        #expect(authorize.json["error"]?.stringValue == "unsupported_response_type")
    }

    static func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<200 {
            if condition() { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("the condition never became true")
    }
}
