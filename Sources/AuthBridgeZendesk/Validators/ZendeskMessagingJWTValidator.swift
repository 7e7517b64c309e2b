public import AuthBridgeCore
public import AuthBridgeJWT
public import Logging

/// Verifies a Zendesk Messaging (Web Widget, mobile SDK) end-user JWT, locally: Zendesk has no endpoint
/// for it.
///
/// Rules: HS256 only; `kid` required and looked up among up to 10 signing keys (several are live during
/// rotation); `scope` must be `user`; `external_id` is required, a string (or a number, taken as its
/// decimal text), at most
/// ``Configuration/maximumExternalIDLength`` characters, and becomes `VerifiedSession.subject`; the email
/// counts as verified only when `email_verified` is `true`; `exp` is required (unless turned off) and the
/// lifetime is capped. Other claims go to `VerifiedSession.context`.
///
/// JOSE failures throw `JWTError` (for example `.badSignature`, `.keyNotFound`, `.expired`,
/// `.algorithmNotAllowed`, `.tokenTooLarge`, `.malformed`); Zendesk's claim rules throw
/// ``ZendeskError/Code-swift.struct/invalidClaims``.
public struct ZendeskMessagingJWTValidator: SessionValidator {
    /// What the validator accepts.
    public struct Configuration: Sendable {
        /// The account's signing keys; 1 to 10.
        public var signingKeys: [ZendeskSigningKey]
        /// Whether `exp` must be present. Zendesk does not document it as required; AuthBridge requires it
        /// by default so a stolen token does not work forever.
        public var requiresExpiry: Bool
        /// The longest lifetime accepted (`exp - iat`, or `exp - now` without `iat`). Zendesk publishes
        /// none; the default of 24 hours accepts tokens minted per login, not tokens that never expire.
        public var maximumLifetime: Duration
        /// Clock skew tolerated on `exp`, `nbf` and `iat`; default 60 s.
        public var leeway: Duration
        /// The longest `external_id` accepted; default 255 (a local policy, not a Zendesk limit).
        public var maximumExternalIDLength: Int
        /// The clock; tests pass a fixed one.
        public var clock: JWTClock
        /// Token size limits.
        public var limits: JWTLimits

        /// Creates a configuration.
        /// - Parameters:
        ///   - signingKeys: The account's signing keys.
        ///   - requiresExpiry: Whether `exp` is required; default `true`.
        ///   - maximumLifetime: Default 24 hours.
        ///   - leeway: Default 60 s.
        ///   - maximumExternalIDLength: Default 255.
        ///   - clock: Default the system clock.
        ///   - limits: Default `JWTLimits.default`.
        public init(
            signingKeys: [ZendeskSigningKey],
            requiresExpiry: Bool = true,
            maximumLifetime: Duration = .seconds(86_400),
            leeway: Duration = .seconds(60),
            maximumExternalIDLength: Int = 255,
            clock: JWTClock = .system,
            limits: JWTLimits = .default
        ) {
            self.signingKeys = signingKeys
            self.requiresExpiry = requiresExpiry
            self.maximumLifetime = maximumLifetime
            self.leeway = leeway
            self.maximumExternalIDLength = maximumExternalIDLength
            self.clock = clock
            self.limits = limits
        }
    }

    /// Zendesk's limit on live signing keys per account.
    public static let maximumSigningKeys = 10

    private static let consumedClaims: Set<String> = ["exp", "iat", "nbf", "scope", "external_id", "name", "email", "email_verified"]

    private let verifier: JWTVerifier
    private let configuration: Configuration

    /// Creates a validator.
    /// - Parameter configuration: The keys and rules.
    /// - Throws: ``ZendeskError/Code-swift.struct/invalidConfiguration`` for no keys, more than 10, or a
    ///   key without an id; `JWTError` for a secret shorter than 32 bytes.
    public init(configuration: Configuration) throws {
        guard !configuration.signingKeys.isEmpty, configuration.signingKeys.count <= Self.maximumSigningKeys else {
            throw ZendeskError(
                .invalidConfiguration,
                "Messaging accepts 1 to \(Self.maximumSigningKeys) signing keys, got \(configuration.signingKeys.count)",
                field: "signingKeys"
            )
        }
        var keys = JWTKeyCollection()
        for signingKey in configuration.signingKeys {
            guard !signingKey.keyID.isEmpty else {
                throw ZendeskError(.invalidConfiguration, "a Messaging signing key has no key id", field: "signingKeys")
            }
            let secret = signingKey.secret.withUnsafeBytes { Array($0) }
            try keys.add(JWTKey.hmac(secret: secret, algorithm: .hs256, keyID: signingKey.keyID))
        }
        self.verifier = JWTVerifier(
            keys: keys,
            options: JWTValidationOptions(
                leeway: configuration.leeway,
                requiredClaims: configuration.requiresExpiry ? ["exp", "scope", "external_id"] : ["scope", "external_id"],
                allowedAlgorithms: [.hs256],
                clock: configuration.clock,
                limits: configuration.limits
            )
        )
        self.configuration = configuration
    }

    /// Verifies a Messaging JWT.
    /// - Parameters:
    ///   - credential: The JWT as the page sent it.
    ///   - logger: The request's logger.
    /// - Returns: The session: subject `external_id`, kind `CredentialKind.messagingJWT`.
    /// - Throws: `JWTError` or ``ZendeskError``.
    public func validate(_ credential: Secret, logger: Logger) async throws -> VerifiedSession {
        try self.validate(credential)
    }

    /// The synchronous core of ``validate(_:logger:)``: no I/O, no suspension.
    /// - Parameter credential: The JWT.
    /// - Returns: The session.
    /// - Throws: `JWTError` or ``ZendeskError``.
    public func validate(_ credential: Secret) throws -> VerifiedSession {
        let verified = try self.verifier.verify(credential.revealed)
        guard verified.header.keyID != nil else {
            throw ZendeskError(.invalidClaims, "a Messaging JWT names its signing key in kid", field: "kid")
        }
        let claims = verified.claims
        guard try claims.string("scope") == "user" else {
            throw ZendeskError(.invalidClaims, "a Messaging end-user JWT has scope \"user\"", field: "scope")
        }
        guard let externalID = try claims.identifier("external_id"), !externalID.isEmpty else {
            throw ZendeskError(.invalidClaims, "external_id is empty", field: "external_id")
        }
        guard externalID.count <= self.configuration.maximumExternalIDLength else {
            throw ZendeskError(
                .invalidClaims,
                "external_id has \(externalID.count) characters, more than \(self.configuration.maximumExternalIDLength)",
                field: "external_id"
            )
        }
        try ZendeskJWTLifetime.check(
            claims,
            maximum: self.configuration.maximumLifetime,
            leeway: self.configuration.leeway,
            now: self.configuration.clock.now
        )
        let email = try claims.string("email")
        var context = claims.context(excluding: Self.consumedClaims)
        context["kid"] = verified.header.keyID.map(ContextValue.string)
        return VerifiedSession(
            subject: externalID,
            name: try claims.string("name"),
            email: email,
            isEmailVerified: email != nil && claims["email_verified"] == .bool(true),
            credentialKind: .messagingJWT,
            expiresAt: claims.expiresAt,
            authenticatedAt: claims.issuedAt,
            context: context
        )
    }
}
