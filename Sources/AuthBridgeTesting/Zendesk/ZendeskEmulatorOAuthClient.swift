public import AuthBridgeCore

/// An OAuth client the Zendesk emulator accepts at `POST /oauth/tokens` with the client-credentials grant.
public struct ZendeskEmulatorOAuthClient: Sendable {
    /// The numeric client id, reported as `client_id` by token introspection.
    public var id: Int
    /// The client's unique identifier, sent as `client_id` in the grant.
    public var identifier: String
    /// The client secret.
    public var secret: Secret
    /// The scopes the client may be granted; a request for others gets `invalid_scope`.
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
    ///   - allowedScopes: Default `["read", "write", "chat"]`.
    ///   - tokenLifetime: Default 1800 s (Zendesk's default for new clients).
    ///   - userID: Default 1.
    public init(
        id: Int = 1,
        identifier: String,
        secret: Secret,
        allowedScopes: [String] = ["read", "write", "chat"],
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
