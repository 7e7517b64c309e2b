import AuthBridgeCrypto
import Foundation

/// An independent base64url encoder (Foundation's base64, then the URL alphabet, no padding).
enum Base64URLForTests {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
