public import AuthBridgeCore

/// A client registered with the provider: for Genesys Messenger, the OpenID Connect Messenger
/// Configuration integration's client id and secret.
public struct OpenIDClient: Sendable {
    /// The client id (`aud` of the ID tokens issued to it).
    public var id: String
    /// The client secret, compared in constant time.
    public var secret: Secret
    /// Redirect URIs the client may use, matched exactly (no prefix or pattern matching).
    public var redirectURIs: Set<String>
    /// The scopes the client may request.
    public var allowedScopes: Set<String>

    /// A client.
    /// - Parameters:
    ///   - id: The client id.
    ///   - secret: The client secret.
    ///   - redirectURIs: The exact redirect URIs allowed.
    ///   - allowedScopes: Allowed scopes; by default the four Genesys's examples request.
    public init(
        id: String,
        secret: Secret,
        redirectURIs: Set<String>,
        allowedScopes: Set<String> = ["openid", "email", "profile", "offline_access"]
    ) {
        self.id = id
        self.secret = secret
        self.redirectURIs = redirectURIs
        self.allowedScopes = allowedScopes
    }
}
