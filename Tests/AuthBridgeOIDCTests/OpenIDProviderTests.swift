import AuthBridgeCore
import AuthBridgeJWT
import Foundation
import InMemoryLogging
import Logging
import Testing

@testable import AuthBridgeOIDC

@Suite("OpenID provider: codes, tokens, refresh, keys")
struct OpenIDProviderTests {
    @Test("discovery lists what a Genesys OIDC integration reads; the JWKS publishes current and next keys")
    func discovery() throws {
        let fixture = try OIDCFixture()
        let metadata = try OIDCFixture.json(fixture.provider.discoveryResponse())
        #expect(metadata["issuer"] == "https://auth.example.com")
        #expect(metadata["token_endpoint"] == "https://auth.example.com/oidc/token")
        #expect(metadata["jwks_uri"] == "https://auth.example.com/oidc/jwks.json")
        #expect(metadata["code_challenge_methods_supported"] == ["S256"])
        #expect(metadata["token_endpoint_auth_methods_supported"] == ["client_secret_basic", "client_secret_post"])
        #expect(metadata["id_token_signing_alg_values_supported"] == ["RS256"])
        #expect(metadata["scopes_supported"] == ["openid", "email", "profile", "offline_access"])
        let jwks = try JWKSet(json: String(decoding: fixture.provider.jwksResponse().body, as: UTF8.self))
        #expect(Set(jwks.keys.compactMap(\.keyID)) == ["key-1", "key-2"])
        #expect(jwks.keys.allSatisfy { $0.members["d"] == nil && $0.members["p"] == nil })
    }

    @Test("the whole code flow: getAuthCode payload, redemption with Basic auth, an ID token Genesys can verify")
    func codeFlow() async throws {
        let fixture = try OIDCFixture()
        let grant = try await fixture.code()
        #expect(grant.redirectUri == OIDCFixture.redirectURI && grant.nonce == "n-0S6_WzA2Mj" && grant.codeVerifier == nil)
        #expect(grant.authCode.revealed.utf8.count == 43)
        #expect(grant.json["authCode"]?.stringValue == grant.authCode.revealed)
        #expect(!grant.description.contains(grant.authCode.revealed))

        let response = await fixture.redeem(grant.authCode.revealed)
        #expect(response.status == 200)
        #expect(response.header("Cache-Control") == "no-store" && response.header("Pragma") == "no-cache")
        let body = try OIDCFixture.json(response)
        #expect(body["token_type"] == "Bearer" && body["expires_in"] == 900 && body["scope"] == "openid email profile offline_access")
        #expect(body["refresh_token"]?.stringValue?.utf8.count == 43)
        let idToken = try #require(body["id_token"]?.stringValue)
        let verified = try fixture.idTokenVerifier().verify(idToken)
        let claims = verified.claims
        #expect(verified.header.keyID == "key-1" && verified.header.algorithm == .rs256)
        #expect(claims.subject == "customer-4711" && claims.audience == [OIDCFixture.clientID])
        #expect(claims["nonce"] == "n-0S6_WzA2Mj" && claims["auth_time"] == 1_750_000_000)
        #expect(claims["email"] == "ada@example.com" && claims["email_verified"] == true)
        #expect(claims["name"] == "Ada King Lovelace" && claims["given_name"] == "Ada King" && claims["family_name"] == "Lovelace")
        #expect(claims["phone_number"] == "+447700900123")
        #expect(claims["https://authbridge.dev/zendesk"] == ["credential_kind": "messagingJWT", "ticket_id": "9001", "conversation_id": "conv-1"])

        let userInfo = await fixture.provider.userInfo(authorization: "Bearer \(try #require(body["access_token"]?.stringValue))")
        #expect(userInfo.status == 200)
        let info = try OIDCFixture.json(userInfo)
        #expect(info["sub"] == "customer-4711" && info["email"] == "ada@example.com" && info["sid"] == nil && info["scope"] == nil)
    }

    @Test("email_verified is false unless Zendesk verified it; without offline_access there is no refresh token")
    func claimsFollowTheSessionAndScopes() async throws {
        let fixture = try OIDCFixture()
        var session = OIDCFixture.session
        session.isEmailVerified = false
        let grant = try await fixture.provider.issueCode(
            for: session,
            request: AuthorizationCodeRequest(
                clientID: OIDCFixture.clientID, redirectURI: OIDCFixture.redirectURI, codeChallenge: OIDCFixture.challenge, scope: "openid email")
        )
        let body = try OIDCFixture.json(await fixture.redeem(grant.authCode.revealed))
        #expect(body["refresh_token"] == nil)
        let claims = try fixture.idTokenVerifier().verify(try #require(body["id_token"]?.stringValue)).claims
        #expect(claims["email_verified"] == false && claims["name"] == nil && claims["nonce"] == nil)
    }

    @Test("the server can hold the PKCE pair; client_secret_post authenticates too")
    func serverHeldVerifier() async throws {
        let fixture = try OIDCFixture()
        let grant = try await fixture.code(challenge: nil)
        let verifier = try #require(grant.codeVerifier?.revealed)
        #expect(verifier.utf8.count == 43 && grant.json["codeVerifier"]?.stringValue == verifier)
        let response = await fixture.token(
            [
                ("grant_type", "authorization_code"), ("code", grant.authCode.revealed), ("redirect_uri", OIDCFixture.redirectURI),
                ("code_verifier", verifier), ("client_id", OIDCFixture.clientID), ("client_secret", OIDCFixture.clientSecret),
            ],
            authorization: nil
        )
        #expect(response.status == 200)
    }

    @Test("a code is single-use: the second redemption fails and revokes what the first issued")
    func codeReuse() async throws {
        let fixture = try OIDCFixture()
        let grant = try await fixture.code()
        let first = try OIDCFixture.json(await fixture.redeem(grant.authCode.revealed))
        let second = await fixture.redeem(grant.authCode.revealed)
        #expect(second.status == 400 && OIDCFixture.error(second) == "invalid_grant")
        let refresh = await fixture.token([("grant_type", "refresh_token"), ("refresh_token", try #require(first["refresh_token"]?.stringValue))])
        #expect(OIDCFixture.error(refresh) == "invalid_grant")
        let userInfo = await fixture.provider.userInfo(authorization: "Bearer \(try #require(first["access_token"]?.stringValue))")
        #expect(userInfo.status == 401 && userInfo.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
    }

    @Test("concurrent redemptions of one code: exactly one succeeds")
    func concurrentRedemption() async throws {
        let fixture = try OIDCFixture()
        let code = try await fixture.code().authCode.revealed
        let statuses = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<16 { group.addTask { await fixture.redeem(code).status } }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        // At most one redemption wins, and as the code was replayed, what it won is revoked: either the
        // replay revoked its family afterwards, or revoked it ahead so that its redemption failed.
        #expect(statuses.filter { $0 == 200 }.count <= 1 && statuses.filter { $0 == 400 }.count >= 15)
        #expect(statuses.allSatisfy { $0 == 200 || $0 == 400 })
        let family = try OpaqueToken.key(for: code, kind: "family")
        #expect(try await fixture.refreshTokens.isActive(family: family) == false)
    }

    @Test("auth_time is when the credential says the customer authenticated, never later than now")
    func authTimeFollowsTheCredential() async throws {
        let fixture = try OIDCFixture()
        func authTime(_ authenticatedAt: Double?) async throws -> JSONValue? {
            var session = OIDCFixture.session
            session.authenticatedAt = authenticatedAt
            let grant = try await fixture.provider.issueCode(
                for: session,
                request: AuthorizationCodeRequest(
                    clientID: OIDCFixture.clientID, redirectURI: OIDCFixture.redirectURI, nonce: "n", codeChallenge: OIDCFixture.challenge)
            )
            let body = try OIDCFixture.json(await fixture.redeem(grant.authCode.revealed))
            return try fixture.idTokenVerifier().verify(try #require(body["id_token"]?.stringValue)).claims["auth_time"]
        }
        #expect(try await authTime(fixture.now - 95.5) == .number(fixture.now - 96))
        #expect(try await authTime(nil) == .number(fixture.now))
        // An iat slightly ahead (within the validator's leeway) is not a time in the future.
        #expect(try await authTime(fixture.now + 30) == .number(fixture.now))
    }

    @Test("requests and responses describe themselves without their secrets")
    func descriptionsHoldNoSecret() async throws {
        let fixture = try OIDCFixture()
        let code = try await fixture.code().authCode.revealed
        let request = TokenEndpointRequest(
            authorization: OIDCFixture.basic(),
            contentType: "application/x-www-form-urlencoded",
            body: OIDCFixture.form([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", OIDCFixture.redirectURI),
                ("code_verifier", OIDCFixture.verifier),
            ])
        )
        let response = await fixture.provider.tokenEndpoint(request)
        #expect(response.status == 200)
        let accessToken = try #require(try OIDCFixture.json(response)["access_token"]?.stringValue)
        for text in ["\(request)", String(describing: request), "\(response)"] {
            for secret in [code, OIDCFixture.verifier, OIDCFixture.basic(), OIDCFixture.clientSecret, accessToken] {
                #expect(!text.contains(secret))
            }
        }
        #expect("\(response)" == "OIDCResponse(status: 200, body: \(response.body.count) bytes)")
    }

    @Test("a replay that arrives while the first redemption is still issuing revokes what it issues", .timeLimit(.minutes(1)))
    func replayDuringIssuance() async throws {
        let gated = GatedRefreshTokenStore()
        let fixture = try OIDCFixture(refreshTokenStore: gated)
        let code = try await fixture.code().authCode.revealed
        let first = Task { await fixture.redeem(code) }
        // The first redemption has consumed the code and waits to start its refresh-token family.
        while !gated.insertWaiting { try await Task.sleep(for: .milliseconds(5)) }
        let replay = await fixture.redeem(code)
        #expect(OIDCFixture.error(replay) == "invalid_grant")
        gated.openInsert()
        let winner = await first.value
        #expect(
            winner.status == 400 && OIDCFixture.error(winner) == "invalid_grant", "the first redemption's tokens must not be issued after the replay")
        #expect(try await gated.store.isActive(family: try OpaqueToken.key(for: code, kind: "family")) == false)
    }

    @Test("refused redemptions: expired code, wrong redirect URI, wrong verifier, unknown code")
    func refusedRedemptions() async throws {
        let fixture = try OIDCFixture()
        let expired = try await fixture.code()
        fixture.advance(61)
        #expect(OIDCFixture.error(await fixture.redeem(expired.authCode.revealed)) == "invalid_grant")
        let wrongRedirect = try await fixture.code()
        #expect(
            OIDCFixture.error(await fixture.redeem(wrongRedirect.authCode.revealed, redirectURI: OIDCFixture.redirectURI + "/")) == "invalid_grant")
        let wrongVerifier = try await fixture.code()
        #expect(
            OIDCFixture.error(await fixture.redeem(wrongVerifier.authCode.revealed, verifier: String(repeating: "a", count: 43))) == "invalid_grant")
        #expect(OIDCFixture.error(await fixture.redeem("not-a-code")) == "invalid_grant")
    }

    @Test("refused code requests: plain PKCE, unregistered redirect URI, unknown client, no openid scope")
    func refusedCodeRequests() async throws {
        let fixture = try OIDCFixture()
        func code(_ request: AuthorizationCodeRequest) async -> OIDCError.Code? {
            do {
                _ = try await fixture.provider.issueCode(for: OIDCFixture.session, request: request)
                return nil
            } catch {
                return error.code
            }
        }
        let id = OIDCFixture.clientID, uri = OIDCFixture.redirectURI, challenge = OIDCFixture.challenge
        #expect(
            await code(.init(clientID: id, redirectURI: uri, codeChallenge: OIDCFixture.verifier, codeChallengeMethod: "plain")) == .invalidRequest)
        #expect(await code(.init(clientID: id, redirectURI: "https://evil.example.com/cb", codeChallenge: challenge)) == .unauthorizedClient)
        #expect(await code(.init(clientID: "other", redirectURI: uri, codeChallenge: challenge)) == .unauthorizedClient)
        #expect(await code(.init(clientID: id, redirectURI: uri, codeChallenge: challenge, scope: "email profile")) == .invalidScope)
        #expect(await code(.init(clientID: id, redirectURI: uri, codeChallenge: "short")) == .invalidRequest)
    }

    @Test("client authentication and request shape follow RFC 6749: 401 with WWW-Authenticate, one method only")
    func clientAuthentication() async throws {
        let fixture = try OIDCFixture()
        let code = try await fixture.code().authCode.revealed
        let params = [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", OIDCFixture.redirectURI), ("code_verifier", OIDCFixture.verifier),
        ]
        let wrong = await fixture.token(params, authorization: OIDCFixture.basic(OIDCFixture.clientID, "wrong"))
        #expect(wrong.status == 401 && wrong.header("WWW-Authenticate") == #"Basic realm="authbridge""#)
        #expect(OIDCFixture.error(wrong) == "invalid_client")
        #expect(await fixture.token(params, authorization: nil).status == 401)
        let badEscape = await fixture.token(params, authorization: "Basic " + Data("\(OIDCFixture.clientID):%zz".utf8).base64EncodedString())
        #expect(badEscape.status == 401 && OIDCFixture.error(badEscape) == "invalid_client")
        let both = await fixture.token(params + [("client_secret", OIDCFixture.clientSecret)])
        #expect(OIDCFixture.error(both) == "invalid_request")
        let repeated = await fixture.token(params + [("code", code)])
        #expect(OIDCFixture.error(repeated) == "invalid_request")
        #expect(OIDCFixture.error(await fixture.token([("grant_type", "password")])) == "unsupported_grant_type")
        let json = await fixture.provider.tokenEndpoint(
            .init(authorization: OIDCFixture.basic(), contentType: "application/json", body: Array("{}".utf8)))
        #expect(json.status == 400)
        // The code was never consumed by the refused attempts: it still redeems.
        #expect(await fixture.redeem(code).status == 200)
    }

    @Test("a repeated parameter's name, chosen by the client, reaches the log escaped and capped: no forged line")
    func aRepeatedParameterCannotForgeALogLine() async throws {
        let fixture = try OIDCFixture()
        let forged = "x\nlevel=error message=forged " + String(repeating: "y", count: 200)
        let body = Array("grant_type=authorization_code&\(Self.escaped(forged))=1&\(Self.escaped(forged))=2".utf8)
        let answer = await fixture.provider.tokenEndpoint(
            .init(authorization: OIDCFixture.basic(), contentType: "application/x-www-form-urlencoded", body: body))
        #expect(OIDCFixture.error(answer) == "invalid_request")
        let refused = try #require(fixture.logs.entries.first { $0.message == "token request refused" })
        let reason = try #require(refused.metadata["oidc.reason"]?.description)
        #expect(reason == "a parameter is repeated")
        #expect(OIDCFixture.description(answer) == "a parameter is repeated")
        // A plain name is still named, to help the client.
        let plain = await fixture.provider.tokenEndpoint(
            .init(authorization: OIDCFixture.basic(), contentType: "application/x-www-form-urlencoded", body: Array("scope=a&scope=b".utf8)))
        #expect(OIDCFixture.description(plain) == "the parameter scope is repeated")
    }

    private static func escaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    @Test("refresh rotates every time; reuse of a rotated token revokes the whole family")
    func refreshRotation() async throws {
        let fixture = try OIDCFixture()
        let first = try OIDCFixture.json(await fixture.redeem(try await fixture.code().authCode.revealed))
        let refresh1 = try #require(first["refresh_token"]?.stringValue)
        let second = try OIDCFixture.json(await fixture.token([("grant_type", "refresh_token"), ("refresh_token", refresh1)]))
        let refresh2 = try #require(second["refresh_token"]?.stringValue)
        #expect(refresh2 != refresh1 && second["id_token"] != nil)
        let claims = try fixture.idTokenVerifier().verify(try #require(second["id_token"]?.stringValue)).claims
        #expect(claims.subject == "customer-4711" && claims["nonce"] == nil)
        // Reusing the first token: refused, and the family (so the second token too) is revoked.
        #expect(OIDCFixture.error(await fixture.token([("grant_type", "refresh_token"), ("refresh_token", refresh1)])) == "invalid_grant")
        #expect(OIDCFixture.error(await fixture.token([("grant_type", "refresh_token"), ("refresh_token", refresh2)])) == "invalid_grant")
    }

    @Test("a refresh is refused once the Zendesk session has ended, or when the customer's sessions are revoked")
    func sessionEnded() async throws {
        let fixture = try OIDCFixture()
        let body = try OIDCFixture.json(await fixture.redeem(try await fixture.code().authCode.revealed))
        fixture.advance(3600)  // the Messaging JWT's exp
        #expect(
            OIDCFixture.error(
                await fixture.token([("grant_type", "refresh_token"), ("refresh_token", try #require(body["refresh_token"]?.stringValue))]))
                == "invalid_grant")

        let other = try OIDCFixture()
        let tokens = try OIDCFixture.json(await other.redeem(try await other.code().authCode.revealed))
        #expect(try await other.provider.revokeSessions(ofSubject: "customer-4711") == 1)
        #expect(
            OIDCFixture.error(
                await other.token([("grant_type", "refresh_token"), ("refresh_token", try #require(tokens["refresh_token"]?.stringValue))]))
                == "invalid_grant")
    }

    @Test("key rotation: next key signs, the retired key stays published for its grace, then tokens it signed fail")
    func keyRotation() async throws {
        let fixture = try OIDCFixture()
        let before = try OIDCFixture.json(await fixture.redeem(try await fixture.code().authCode.revealed))
        let oldToken = try #require(before["id_token"]?.stringValue)
        try fixture.keyRing.rotate(newNext: JWTKey.generate(for: .rs256, keyID: "key-3"), grace: .seconds(900), now: 1_750_000_000)
        let jwks = try JWKSet(json: String(decoding: fixture.provider.jwksResponse().body, as: UTF8.self))
        #expect(Set(jwks.keys.compactMap(\.keyID)) == ["key-1", "key-2", "key-3"])
        let after = try OIDCFixture.json(await fixture.redeem(try await fixture.code().authCode.revealed))
        #expect(try fixture.idTokenVerifier().verify(try #require(after["id_token"]?.stringValue)).header.keyID == "key-2")
        #expect(throws: Never.self) { try fixture.idTokenVerifier().verify(oldToken) }
        // After the grace the retired key is gone: a token it signed no longer verifies.
        fixture.advance(901)
        let later = try JWKSet(json: String(decoding: fixture.provider.jwksResponse().body, as: UTF8.self))
        #expect(Set(later.keys.compactMap(\.keyID)) == ["key-2", "key-3"])
        let verifier = JWTVerifier(
            keys: try JWTKeyCollection(jwks: later), options: JWTValidationOptions(issuer: OIDCFixture.issuer, clock: .fixed(1_750_000_500)))
        #expect(throws: JWTError.self) { try verifier.verify(oldToken) }
    }

    @Test("ES256 keys sign ID tokens when configured")
    func es256() async throws {
        let fixture = try OIDCFixture(algorithm: .es256)
        let body = try OIDCFixture.json(await fixture.redeem(try await fixture.code().authCode.revealed))
        #expect(try fixture.idTokenVerifier().verify(try #require(body["id_token"]?.stringValue)).header.algorithm == .es256)
        #expect((try OIDCFixture.json(fixture.provider.discoveryResponse()))["id_token_signing_alg_values_supported"] == ["ES256"])
    }

    @Test("no code, token, verifier or client secret appears in any log line")
    func noSecretsInLogs() async throws {
        let fixture = try OIDCFixture()
        let grant = try await fixture.code()
        let body = try OIDCFixture.json(await fixture.redeem(grant.authCode.revealed))
        _ = await fixture.redeem(grant.authCode.revealed)
        _ = await fixture.token(
            [("grant_type", "refresh_token"), ("refresh_token", "forged")], authorization: OIDCFixture.basic(OIDCFixture.clientID, "wrong"))
        let refresh = try #require(body["refresh_token"]?.stringValue)
        _ = await fixture.token([("grant_type", "refresh_token"), ("refresh_token", refresh)])
        let text = fixture.logText
        #expect(!fixture.logs.entries.isEmpty)
        for secret in [
            grant.authCode.revealed, refresh, try #require(body["access_token"]?.stringValue), try #require(body["id_token"]?.stringValue),
            OIDCFixture.clientSecret, OIDCFixture.verifier,
        ] {
            #expect(!text.contains(secret))
        }
    }
}
