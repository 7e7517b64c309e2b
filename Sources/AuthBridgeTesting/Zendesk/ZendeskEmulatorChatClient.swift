public import AuthBridgeCore

/// A Chat API OAuth client (made in the Chat dashboard) the Zendesk emulator accepts at
/// `POST /oauth2/chat/token`, form-encoded. Its tokens are accepted by the Chat API only.
public struct ZendeskEmulatorChatClient: Sendable {
    /// The client's `client_id`.
    public var identifier: String
    /// The client secret.
    public var secret: Secret
    /// Whether the client is `confidential`: only such a client may use the client-credentials grant
    /// (Zendesk sets it through the Chat OAuth Clients API, not the dashboard).
    public var isConfidential: Bool
    /// The Chat scopes (`read`, `write`, `chat`) it may be granted.
    public var allowedScopes: [String]
    /// The lifetime of issued tokens in seconds (`expires_in`); `nil` issues tokens without one.
    public var tokenLifetime: Int?

    /// Creates a client.
    /// - Parameters:
    ///   - identifier: The `client_id`.
    ///   - secret: The secret.
    ///   - isConfidential: Default `true`.
    ///   - allowedScopes: Default `["read", "write", "chat"]`.
    ///   - tokenLifetime: Default `nil`: Zendesk's Chat token answer is not documented to carry one.
    public init(
        identifier: String,
        secret: Secret,
        isConfidential: Bool = true,
        allowedScopes: [String] = ["read", "write", "chat"],
        tokenLifetime: Int? = nil
    ) {
        self.identifier = identifier
        self.secret = secret
        self.isConfidential = isConfidential
        self.allowedScopes = allowedScopes
        self.tokenLifetime = tokenLifetime
    }
}
