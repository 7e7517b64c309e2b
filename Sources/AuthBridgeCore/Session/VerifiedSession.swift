/// A customer identity that a ``SessionValidator`` has verified.
public struct VerifiedSession: Hashable, Sendable {
    /// The customer's stable id in the credential's issuer (the `external_id` or `sub`).
    public var subject: String
    /// The customer's display name, if the credential had one.
    public var name: String?
    /// The customer's email address, if the credential had one.
    public var email: String?
    /// Whether the issuer vouches that ``email`` belongs to the customer.
    public var isEmailVerified: Bool
    /// Which credential the session was verified from.
    public var credentialKind: CredentialKind
    /// When the credential expires, in seconds since 1970-01-01T00:00:00Z (a JWT `NumericDate`), if it does.
    public var expiresAt: Double?
    /// When the customer authenticated, in seconds since the Unix epoch: the credential's `iat`, if it
    /// has one. Messenger's ID token carries it as `auth_time`.
    public var authenticatedAt: Double?
    /// The credential's other claims, passed on as context.
    public var context: [String: ContextValue]

    /// Creates a verified session.
    /// - Parameters:
    ///   - subject: The customer's stable id.
    ///   - name: The display name.
    ///   - email: The email address.
    ///   - isEmailVerified: Whether the issuer vouches for the email address.
    ///   - credentialKind: Which credential the session came from.
    ///   - expiresAt: The credential's expiry in seconds since the Unix epoch.
    ///   - authenticatedAt: When the customer authenticated (the credential's `iat`), if known.
    ///   - context: The remaining claims.
    public init(
        subject: String,
        name: String? = nil,
        email: String? = nil,
        isEmailVerified: Bool = false,
        credentialKind: CredentialKind,
        expiresAt: Double? = nil,
        authenticatedAt: Double? = nil,
        context: [String: ContextValue] = [:]
    ) {
        self.subject = subject
        self.name = name
        self.email = email
        self.isEmailVerified = isEmailVerified
        self.credentialKind = credentialKind
        self.expiresAt = expiresAt
        self.authenticatedAt = authenticatedAt
        self.context = context
    }
}
