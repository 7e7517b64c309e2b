import AuthBridgeCore
import AuthBridgeJWT
import AuthBridgeOIDC
import Foundation
import InMemoryLogging
import Logging
import Synchronization

/// A provider with one Genesys client, in-memory stores, a settable wall clock and captured logs.
final class OIDCFixture: Sendable {
    static let issuer = "https://auth.example.com"
    static let clientID = "genesys-messenger"
    static let clientSecret = "s3cret-client-value-for-tests-0123456789"
    static let redirectURI = "https://shop.example.com/chat/callback"

    let clock = TimeBox()
    let logs: InMemoryLogHandler
    let provider: OpenIDProvider
    let keyRing: OpenIDKeyRing
    let refreshTokens = InMemoryRefreshTokenStore()

    init(
        sessionStatus: any SessionStatusChecker = SessionExpiryChecker(),
        algorithm: JWSAlgorithm = .rs256,
        refreshTokenStore: (any RefreshTokenStore)? = nil
    ) throws {
        var logs = InMemoryLogHandler()
        logs.logLevel = .trace
        self.logs = logs
        let handler = logs
        self.keyRing = try OpenIDKeyRing(
            current: JWTKey.generate(for: algorithm, keyID: "key-1"),
            next: JWTKey.generate(for: algorithm, keyID: "key-2")
        )
        let clock = self.clock
        self.provider = OpenIDProvider(
            configuration: .init(issuer: Self.issuer),
            keyRing: self.keyRing,
            clients: [OpenIDClient(id: Self.clientID, secret: Secret(Self.clientSecret), redirectURIs: [Self.redirectURI])],
            codeStore: InMemoryOneTimeCodeStore(),
            refreshTokenStore: refreshTokenStore ?? self.refreshTokens,
            sessionStatus: sessionStatus,
            clock: JWTClock { clock.value.withLock { $0 } },
            logger: Logger(label: "oidc-test", factory: { _ in handler })
        )
    }

    func advance(_ seconds: Double) { self.clock.value.withLock { $0 += seconds } }

    var now: Double { self.clock.value.withLock { $0 } }

    /// The settable wall clock.
    final class TimeBox: Sendable {
        let value = Mutex<Double>(1_750_000_000)
    }

    /// The `error` member of an error response.
    static func error(_ response: OIDCResponse) -> String? { (try? Self.json(response))?["error"]?.stringValue }
    static func description(_ response: OIDCResponse) -> String? { (try? Self.json(response))?["error_description"]?.stringValue }

    static let session = VerifiedSession(
        subject: "customer-4711",
        name: "Ada King Lovelace",
        email: "ada@example.com",
        isEmailVerified: true,
        credentialKind: .messagingJWT,
        expiresAt: 1_750_003_600,
        context: ["ticket_id": "9001", "conversation_id": "conv-1", "phone": "+447700900123"]
    )

    static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    static let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"  // RFC 7636 appendix B

    func code(nonce: String? = "n-0S6_WzA2Mj", challenge: String? = OIDCFixture.challenge, scope: String = "openid email profile offline_access")
        async throws -> AuthorizationCodeGrant
    {
        try await self.provider.issueCode(
            for: Self.session,
            request: AuthorizationCodeRequest(
                clientID: Self.clientID, redirectURI: Self.redirectURI, nonce: nonce, codeChallenge: challenge, scope: scope)
        )
    }

    static func basic(_ id: String = clientID, _ secret: String = clientSecret) -> String {
        "Basic " + Data("\(id):\(secret)".utf8).base64EncodedString()
    }

    static func form(_ parameters: [(String, String)]) -> [UInt8] {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return Array(parameters.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&").utf8)
    }

    func token(_ parameters: [(String, String)], authorization: String? = OIDCFixture.basic()) async -> OIDCResponse {
        await self.provider.tokenEndpoint(
            TokenEndpointRequest(authorization: authorization, contentType: "application/x-www-form-urlencoded", body: Self.form(parameters))
        )
    }

    func redeem(_ code: String, verifier: String = OIDCFixture.verifier, redirectURI: String = OIDCFixture.redirectURI) async -> OIDCResponse {
        await self.token([("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI), ("code_verifier", verifier)])
    }

    static func json(_ response: OIDCResponse) throws -> JSONObject {
        guard case .object(let object) = try JSONValue(parsing: String(decoding: response.body, as: UTF8.self)) else { return [:] }
        return object
    }

    /// A verifier that trusts exactly what the provider publishes, as Genesys's backend does.
    func idTokenVerifier(nonceRequired: Bool = true) throws -> JWTVerifier {
        let jwks = try JWKSet(json: String(decoding: self.provider.jwksResponse().body, as: UTF8.self))
        let now = self.now
        return JWTVerifier(
            keys: try JWTKeyCollection(jwks: jwks),
            options: JWTValidationOptions(issuer: Self.issuer, audience: Self.clientID, requiredClaims: ["exp", "iat", "sub"], clock: .fixed(now))
        )
    }

    /// Every captured log line as text, for secret scans.
    var logText: String { self.logs.entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n") }
}
