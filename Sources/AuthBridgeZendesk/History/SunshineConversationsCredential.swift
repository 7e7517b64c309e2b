public import AuthBridgeCore

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
        return "Basic " + Self.base64(pair)
    }

    private static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = bytes[index]
            let b1 = index + 1 < bytes.count ? bytes[index + 1] : 0
            let b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
            output.append(alphabet[Int(b0 >> 2)])
            output.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            output.append(index + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            output.append(index + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
