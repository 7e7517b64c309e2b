public import AuthBridgeCore

/// A Zendesk Messaging signing key: the key id (`kid`, shaped `app_<24 hex>`) and its shared secret.
public struct ZendeskSigningKey: Sendable {
    /// The key id, as Admin Center shows it.
    public var keyID: String
    /// The shared secret, shown once when the key was created.
    public var secret: Secret

    /// Creates a signing key.
    /// - Parameters:
    ///   - keyID: The key id.
    ///   - secret: The shared secret.
    public init(keyID: String, secret: Secret) {
        self.keyID = keyID
        self.secret = secret
    }
}
