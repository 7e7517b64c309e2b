public import AuthBridgeCore
public import AuthBridgeJWT
public import Logging

/// Verifies a Zendesk Support single sign-on JWT (the one your site posts to `/access/jwt`) and accepts
/// each `jti` once.
///
/// HS256 with the account's shared SSO secret; `iat`, `jti`, `email` and `name` are required, as in
/// Zendesk's table of required attributes; `external_id` may be a string or a number. `jti` must be a
/// string, as that table and RFC 7519 say, although Zendesk's own decoded sample shows a number. `iat` may be at most ``Configuration/maximumAge`` old, and the clocks
/// may differ by ``Configuration/leeway``: both default to Zendesk's three minutes ("Zendesk allows up to
/// three minutes clock skew"). `exp` is checked when present. `VerifiedSession.subject` is `external_id`,
/// else the email.
/// The `jti` is recorded in the `ReplayStore` only after every other check passed, so a forged token
/// cannot burn an identifier; it is kept until the token could no longer pass the age check.
public struct ZendeskSSOJWTValidator: SessionValidator {
    /// What the validator accepts.
    public struct Configuration: Sendable {
        /// The shared secret from Admin Center → Account → Security → Single sign-on.
        public var sharedSecret: Secret
        /// The oldest `iat` accepted; default 180 s.
        public var maximumAge: Duration
        /// Clock skew tolerated; default 180 s, Zendesk's three minutes.
        public var leeway: Duration
        /// The longest `jti` accepted; default 255 characters.
        public var maximumJWTIDLength: Int
        /// Whether your identity system's signature vouches for the email; default `false`.
        public var treatsEmailAsVerified: Bool
        /// The clock.
        public var clock: JWTClock
        /// Token size limits.
        public var limits: JWTLimits

        /// Creates a configuration.
        /// - Parameters:
        ///   - sharedSecret: The SSO secret.
        ///   - maximumAge: Default 180 s.
        ///   - leeway: Default 180 s.
        ///   - maximumJWTIDLength: Default 255.
        ///   - treatsEmailAsVerified: Default `false`.
        ///   - clock: Default the system clock.
        ///   - limits: Default `JWTLimits.default`.
        public init(
            sharedSecret: Secret,
            maximumAge: Duration = .seconds(180),
            leeway: Duration = .seconds(180),
            maximumJWTIDLength: Int = 255,
            treatsEmailAsVerified: Bool = false,
            clock: JWTClock = .system,
            limits: JWTLimits = .default
        ) {
            self.sharedSecret = sharedSecret
            self.maximumAge = maximumAge
            self.leeway = leeway
            self.maximumJWTIDLength = maximumJWTIDLength
            self.treatsEmailAsVerified = treatsEmailAsVerified
            self.clock = clock
            self.limits = limits
        }
    }

    private static let consumedClaims: Set<String> = ["exp", "iat", "nbf", "jti", "external_id", "name", "email"]

    private let verifier: JWTVerifier
    private let replayStore: any ReplayStore
    private let configuration: Configuration

    /// Creates a validator.
    /// - Parameters:
    ///   - configuration: The secret and rules.
    ///   - replayStore: Where accepted `jti`s are remembered; share one across instances (Redis) when the
    ///     bridge runs on several hosts.
    /// - Throws: `JWTError` for a secret shorter than 32 bytes.
    public init(configuration: Configuration, replayStore: any ReplayStore) throws {
        let key = try JWTKey.hmac(secret: configuration.sharedSecret.withUnsafeBytes { Array($0) }, algorithm: .hs256)
        self.verifier = JWTVerifier(
            keys: try JWTKeyCollection(keys: [key], allowsTokensWithoutKeyID: true),
            options: JWTValidationOptions(
                leeway: configuration.leeway,
                maximumAge: configuration.maximumAge,
                requiredClaims: ["iat", "jti"],
                allowedAlgorithms: [.hs256],
                clock: configuration.clock,
                limits: configuration.limits
            )
        )
        self.replayStore = replayStore
        self.configuration = configuration
    }

    /// Verifies an SSO JWT and records its `jti`.
    /// - Parameters:
    ///   - credential: The JWT.
    ///   - logger: The request's logger.
    /// - Returns: The session, kind `CredentialKind.ssoJWT`.
    /// - Throws: `JWTError`, ``ZendeskError`` (``ZendeskError/Code-swift.struct/replayedToken`` for a second
    ///   use), or the replay store's error (treat it as a rejection).
    public func validate(_ credential: Secret, logger: Logger) async throws -> VerifiedSession {
        let verified = try self.verifier.verify(credential.revealed)
        let claims = verified.claims
        guard let jti = try claims.string("jti"), !jti.isEmpty, jti.count <= self.configuration.maximumJWTIDLength else {
            throw ZendeskError(.invalidClaims, "jti is empty or too long", field: "jti")
        }
        let externalID = try claims.identifier("external_id").flatMap { $0.isEmpty ? nil : $0 }
        // Zendesk requires both; a token it would refuse is refused here too.
        guard let email = try claims.string("email").flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw ZendeskError(.invalidClaims, "an SSO JWT needs email (Zendesk requires it)", field: "email")
        }
        guard let name = try claims.string("name").flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw ZendeskError(.invalidClaims, "an SSO JWT needs name (Zendesk requires it)", field: "name")
        }
        let subject = externalID ?? email
        // Remember the jti for as long as this token could still pass the age check.
        let now = self.configuration.clock.now
        let iat = claims.issuedAt ?? now
        let window = ZendeskJWTLifetime.seconds(self.configuration.maximumAge + self.configuration.leeway)
        let remaining = max(iat + window - now, 1)
        let isNew = try await self.replayStore.insertIfAbsent("zendesk.sso.jti:\(jti)", expiresIn: .seconds(remaining))
        guard isNew else {
            logger.notice("Zendesk SSO JWT replayed", metadata: ["authbridge.field": "jti"])
            throw ZendeskError(.replayedToken, "this SSO JWT was already used", field: "jti")
        }
        return VerifiedSession(
            subject: subject,
            name: name,
            email: email,
            isEmailVerified: self.configuration.treatsEmailAsVerified,
            credentialKind: .ssoJWT,
            expiresAt: claims.expiresAt ?? iat + window,
            authenticatedAt: iat,
            context: claims.context(excluding: Self.consumedClaims)
        )
    }
}
