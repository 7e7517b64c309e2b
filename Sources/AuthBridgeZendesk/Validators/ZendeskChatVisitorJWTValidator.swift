public import AuthBridgeCore
public import AuthBridgeJWT
public import Logging

/// Verifies a legacy Zendesk Chat (Web Widget Classic) visitor-authentication JWT, locally.
///
/// HS256 with the account's one shared secret; during a rotation the previous secret is also accepted
/// until ``Configuration/previousSecretAcceptedUntil``. Claims `name`, `email`, `external_id`, `iat`,
/// `exp`: only secondary sources list them, so AuthBridge is tolerant where it is safe: `exp` is required
/// (so tokens expire), `iat` is optional, and at least one of `external_id` and `email` must be present.
/// `VerifiedSession.subject` is `external_id`, or the email when there is none. Chat has no
/// `email_verified`, so `VerifiedSession.isEmailVerified` is ``Configuration/treatsEmailAsVerified``
/// (default `false`).
public struct ZendeskChatVisitorJWTValidator: SessionValidator {
    /// What the validator accepts.
    public struct Configuration: Sendable {
        /// The current shared secret from the Chat dashboard (Widget Security → Visitor Authentication).
        public var sharedSecret: Secret
        /// The secret before the last regeneration, accepted until ``previousSecretAcceptedUntil``.
        public var previousSecret: Secret?
        /// Until when (seconds since the Unix epoch) ``previousSecret`` is accepted.
        public var previousSecretAcceptedUntil: Double?
        /// The longest lifetime accepted; default 24 hours (the widget asks for a token per page load).
        public var maximumLifetime: Duration
        /// Clock skew tolerated; default 60 s.
        public var leeway: Duration
        /// The longest `external_id` accepted; default 255.
        public var maximumExternalIDLength: Int
        /// Whether your site's signature vouches for the email; default `false`.
        public var treatsEmailAsVerified: Bool
        /// The clock.
        public var clock: JWTClock
        /// Token size limits.
        public var limits: JWTLimits

        /// Creates a configuration.
        /// - Parameters:
        ///   - sharedSecret: The current secret.
        ///   - previousSecret: The previous secret during a rotation.
        ///   - previousSecretAcceptedUntil: Seconds since the epoch until which the previous secret works.
        ///   - maximumLifetime: Default 24 hours.
        ///   - leeway: Default 60 s.
        ///   - maximumExternalIDLength: Default 255.
        ///   - treatsEmailAsVerified: Default `false`.
        ///   - clock: Default the system clock.
        ///   - limits: Default `JWTLimits.default`.
        public init(
            sharedSecret: Secret,
            previousSecret: Secret? = nil,
            previousSecretAcceptedUntil: Double? = nil,
            maximumLifetime: Duration = .seconds(86_400),
            leeway: Duration = .seconds(60),
            maximumExternalIDLength: Int = 255,
            treatsEmailAsVerified: Bool = false,
            clock: JWTClock = .system,
            limits: JWTLimits = .default
        ) {
            self.sharedSecret = sharedSecret
            self.previousSecret = previousSecret
            self.previousSecretAcceptedUntil = previousSecretAcceptedUntil
            self.maximumLifetime = maximumLifetime
            self.leeway = leeway
            self.maximumExternalIDLength = maximumExternalIDLength
            self.treatsEmailAsVerified = treatsEmailAsVerified
            self.clock = clock
            self.limits = limits
        }
    }

    private static let consumedClaims: Set<String> = ["exp", "iat", "nbf", "external_id", "name", "email"]

    private let current: JWTVerifier
    private let previous: JWTVerifier?
    private let configuration: Configuration

    /// Creates a validator.
    /// - Parameter configuration: The secrets and rules.
    /// - Throws: `JWTError` for a secret shorter than 32 bytes.
    public init(configuration: Configuration) throws {
        let options = JWTValidationOptions(
            leeway: configuration.leeway,
            requiredClaims: ["exp"],
            allowedAlgorithms: [.hs256],
            clock: configuration.clock,
            limits: configuration.limits
        )
        func verifier(_ secret: Secret) throws -> JWTVerifier {
            let key = try JWTKey.hmac(secret: secret.withUnsafeBytes { Array($0) }, algorithm: .hs256)
            return JWTVerifier(keys: try JWTKeyCollection(keys: [key], allowsTokensWithoutKeyID: true), options: options)
        }
        self.current = try verifier(configuration.sharedSecret)
        self.previous = try configuration.previousSecret.map(verifier)
        self.configuration = configuration
    }

    /// Verifies a Chat visitor JWT.
    /// - Parameters:
    ///   - credential: The JWT.
    ///   - logger: The request's logger.
    /// - Returns: The session, kind `CredentialKind.chatVisitorJWT`.
    /// - Throws: `JWTError` or ``ZendeskError``.
    public func validate(_ credential: Secret, logger: Logger) async throws -> VerifiedSession {
        try self.validate(credential)
    }

    /// The current secret first; the previous one only for a bad signature inside the rotation window.
    private func verify(_ token: String) throws(JWTError) -> VerifiedJWT {
        let failure: JWTError
        do {
            return try self.current.verify(token)
        } catch {
            failure = error
        }
        guard failure.code == .badSignature, let previous = self.previous,
            let until = self.configuration.previousSecretAcceptedUntil, self.configuration.clock.now < until
        else { throw failure }
        return try previous.verify(token)
    }

    /// The synchronous core of ``validate(_:logger:)``.
    /// - Parameter credential: The JWT.
    /// - Returns: The session.
    /// - Throws: `JWTError` or ``ZendeskError``.
    public func validate(_ credential: Secret) throws -> VerifiedSession {
        let claims = try self.verify(credential.revealed).claims
        try ZendeskJWTLifetime.check(
            claims,
            maximum: self.configuration.maximumLifetime,
            leeway: self.configuration.leeway,
            now: self.configuration.clock.now
        )
        let externalID = try claims.identifier("external_id").flatMap { $0.isEmpty ? nil : $0 }
        let email = try claims.string("email").flatMap { $0.isEmpty ? nil : $0 }
        if let externalID, externalID.count > self.configuration.maximumExternalIDLength {
            throw ZendeskError(
                .invalidClaims,
                "external_id has \(externalID.count) characters, more than \(self.configuration.maximumExternalIDLength)",
                field: "external_id"
            )
        }
        guard let subject = externalID ?? email else {
            throw ZendeskError(.invalidClaims, "a Chat visitor JWT needs external_id or email", field: "external_id")
        }
        return VerifiedSession(
            subject: subject,
            name: try claims.string("name"),
            email: email,
            isEmailVerified: email != nil && self.configuration.treatsEmailAsVerified,
            credentialKind: .chatVisitorJWT,
            expiresAt: claims.expiresAt,
            authenticatedAt: claims.issuedAt,
            context: claims.context(excluding: Self.consumedClaims)
        )
    }
}
