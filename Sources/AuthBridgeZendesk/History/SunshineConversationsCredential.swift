public import AuthBridgeCore
import AuthBridgeCrypto

/// A Sunshine Conversations API key (an `app_` key for one app, or an account key): its id and secret,
/// sent as HTTP Basic authentication.
public struct SunshineConversationsCredential: Sendable {
    /// The key id.
    public var keyID: String
    /// The key's secret.
    public var secret: Secret

    /// Creates a credential.
    /// - Parameters:
    ///   - keyID: The key id.
    ///   - secret: The secret.
    public init(keyID: String, secret: Secret) {
        self.keyID = keyID
        self.secret = secret
    }

    /// `Basic base64(keyID:secret)`.
    var authorization: String {
        let pair = Array("\(self.keyID):\(self.secret.revealed)".utf8)
        return "Basic " + Base64.encode(pair)
    }
}
