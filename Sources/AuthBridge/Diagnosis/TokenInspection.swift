internal import AuthBridgeCore
internal import AuthBridgeJWT
import Foundation

/// What a token says about itself, read WITHOUT verifying: header members and time claims only. The
/// payload's other claims, the signature and the token itself are never kept.
struct TokenInspection: Sendable {
    var isJWT = false
    var byteCount = 0
    var algorithm: String?
    var keyID: String?
    var type: String?
    var issuedAt: Double?
    var expiresAt: Double?
    var notBefore: Double?

    /// `JWT` or `opaque (N bytes)`: the kind, never the content.
    var shape: String { self.isJWT ? "JWT" : "opaque (\(self.byteCount) bytes)" }

    init(_ token: Secret) {
        self.byteCount = token.byteCount
        // Same cap as the verifier's: an oversized token is not parsed at all.
        guard token.byteCount <= 16 << 10 else { return }
        let segments = token.revealed.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3,
            let header = Self.object(segments[0])
        else { return }
        self.isJWT = true
        self.algorithm = header["alg"]?.stringValue.map { DiagnosisText.printable($0) }
        self.keyID = header["kid"]?.stringValue.map { DiagnosisText.printable($0) }
        self.type = header["typ"]?.stringValue.map { DiagnosisText.printable($0) }
        if let payload = Self.object(segments[1]) {
            self.issuedAt = payload["iat"]?.numberValue
            self.expiresAt = payload["exp"]?.numberValue
            self.notBefore = payload["nbf"]?.numberValue
        }
    }

    private static func object(_ segment: Substring) -> JSONObject? {
        var text = segment.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text) else { return nil }
        return (try? JSONValue(parsing: String(decoding: data, as: UTF8.self)))?.objectValue
    }
}
