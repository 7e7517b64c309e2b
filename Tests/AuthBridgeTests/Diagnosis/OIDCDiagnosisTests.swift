import AuthBridge
import AuthBridgeCore
import AuthBridgeJWT
import AuthBridgeOIDC
import Foundation
import Logging
import Synchronization
import Testing

/// Our own token endpoint, called as Genesys's backend calls it, turned into diagnoses.
@Suite struct OIDCDiagnosisTests {
    static let clientID = "genesys-messenger"
    static let clientSecret = "s3cret-client-value-for-tests-0123456789"
    static let redirectURI = "https://shop.example.com/chat/callback"
    static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    static let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"  // RFC 7636 appendix B

    /// A settable wall clock.
    final class TimeBox: Sendable {
        let value = Mutex<Double>(1_750_000_000)
        var clock: JWTClock { JWTClock { self.value.withLock { $0 } } }
    }

    private func provider(_ time: TimeBox) throws -> OpenIDProvider {
        OpenIDProvider(
            configuration: .init(issuer: "https://auth.example.com"),
            keyRing: try OpenIDKeyRing(
                current: JWTKey.generate(for: .rs256, keyID: "key-1"),
                next: JWTKey.generate(for: .rs256, keyID: "key-2")
            ),
            clients: [OpenIDClient(id: Self.clientID, secret: Secret(Self.clientSecret), redirectURIs: [Self.redirectURI])],
            codeStore: InMemoryOneTimeCodeStore(),
            refreshTokenStore: InMemoryRefreshTokenStore(),
            clock: time.clock,
            logger: DiagnosisSupport.logger
        )
    }

    private func code(_ provider: OpenIDProvider) async throws -> Secret {
        let session = VerifiedSession(subject: "customer-4711", email: "ada@example.com", credentialKind: .messagingJWT, expiresAt: 1_750_003_600)
        let grant = try await provider.issueCode(
            for: session,
            request: AuthorizationCodeRequest(
                clientID: Self.clientID,
                redirectURI: Self.redirectURI,
                nonce: "n-0S6_WzA2Mj",
                codeChallenge: Self.challenge,
                scope: "openid email profile offline_access"
            )
        )
        return grant.authCode
    }

    private func redeem(_ provider: OpenIDProvider, _ code: Secret, authorization: String? = basic()) async -> PeerResponse {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let form = [
            ("grant_type", "authorization_code"), ("code", code.revealed), ("redirect_uri", Self.redirectURI),
            ("code_verifier", Self.verifier),
        ]
        .map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        let response = await provider.tokenEndpoint(
            TokenEndpointRequest(authorization: authorization, contentType: "application/x-www-form-urlencoded", body: Array(form.utf8))
        )
        return PeerResponse(response)
    }

    static func basic() -> String { "Basic " + Data("\(clientID):\(clientSecret)".utf8).base64EncodedString() }

    @Test func aReusedCodeIsNamed() async throws {
        let provider = try self.provider(TimeBox())
        let code = try await self.code(provider)
        let first = await self.redeem(provider, code)
        #expect(first.status == 200)
        let second = await self.redeem(provider, code)
        let diagnosis = Diagnosis.diagnose(second, at: .oidcTokenEndpoint)
        #expect(diagnosis.cause == .authorizationCodeRejected)
        #expect(diagnosis.evidence.status == 400)
        #expect(diagnosis.evidence.peerCode == "invalid_grant")
        #expect(diagnosis.explanation.contains("already used"))
        #expect(diagnosis.remedy.contains("fresh code"))
        let tokens = (try? JSONValue(parsing: String(decoding: first.body, as: UTF8.self)))?.objectValue
        let issued = ["access_token", "id_token", "refresh_token"].compactMap { tokens?[$0]?.stringValue }
        DiagnosisSupport.expectNoSecret(diagnosis, [code.revealed, Self.clientSecret, Self.verifier] + issued)
    }

    @Test func anExpiredCodeIsNamed() async throws {
        let time = TimeBox()
        let provider = try self.provider(time)
        let code = try await self.code(provider)
        time.value.withLock { $0 += 120 }
        let diagnosis = Diagnosis.diagnose(await self.redeem(provider, code), at: .oidcTokenEndpoint)
        #expect(diagnosis.cause == .authorizationCodeRejected)
        #expect(diagnosis.explanation.contains("unknown or expired"))
        #expect(diagnosis.remedy.contains("fresh code"))
        DiagnosisSupport.expectNoSecret(diagnosis, [code.revealed, Self.clientSecret, Self.verifier])
    }

    @Test func aClientSecretNotSentAsBasicIsSentTheWrongWay() async throws {
        let provider = try self.provider(TimeBox())
        let code = try await self.code(provider)
        // Basic over the raw id:secret, not base64.
        let diagnosis = Diagnosis.diagnose(
            await self.redeem(provider, code, authorization: "Basic \(Self.clientID):\(Self.clientSecret)"),
            at: .oidcTokenEndpoint
        )
        #expect(diagnosis.cause == .secretSentWrongWay)
        #expect(diagnosis.evidence.status == 401)
        #expect(diagnosis.evidence.peerCode == "invalid_client")
        #expect(diagnosis.remedy.contains("Authorization: Basic"))
        DiagnosisSupport.expectNoSecret(diagnosis, [code.revealed, Self.clientSecret, Self.verifier])
    }
}
