public import AuthBridgeCore

/// A Support OAuth client the Zendesk emulator accepts at `POST /oauth/tokens` with the client-credentials
/// grant. Its tokens are refused by the Chat API, as Zendesk's are.
public struct ZendeskEmulatorOAuthClient: Sendable {
    /// The numeric client id, reported as `client_id` by token introspection.
    public var id: Int
    /// The client's unique identifier, sent as `client_id` in the grant.
    public var identifier: String
    /// The client secret.
    public var secret: Secret
    /// The scopes the client may be granted (Support scopes: `read`, `write`, `<resource>:read|write`); a
    /// request for others gets `invalid_scope` (the allowed-scopes rule of 2026-08-10). `chat` is no
    /// Support scope and is always refused.
    public var allowedScopes: [String]
    /// The lifetime of issued tokens in seconds (`expires_in`); `nil` issues non-expiring tokens.
    public var tokenLifetime: Int?
    /// The user issued tokens act for.
    public var userID: Int

    /// Creates a client.
    /// - Parameters:
    ///   - id: The numeric id; default 1.
    ///   - identifier: The unique identifier.
    ///   - secret: The secret.
    ///   - allowedScopes: Default `["read", "write"]`.
    ///   - tokenLifetime: Default 1800 s (Zendesk's default for new clients).
    ///   - userID: Default 1.
    public init(
        id: Int = 1,
        identifier: String,
        secret: Secret,
        allowedScopes: [String] = ["read", "write"],
        tokenLifetime: Int? = 1800,
        userID: Int = 1
    ) {
        self.id = id
        self.identifier = identifier
        self.secret = secret
        self.allowedScopes = allowedScopes
        self.tokenLifetime = tokenLifetime
        self.userID = userID
    }
}
