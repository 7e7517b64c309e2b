import AuthBridgeCore
import AuthBridgeJWT

/// HMAC-SHA-256 of tokens under a key drawn at random per process, so cache keys reveal nothing even to
/// someone who reads memory dumps or logs of another process.
struct ZendeskTokenDigest: Sendable {
    private let signer: JWTSigner

    init() throws {
        var generator = SystemRandomNumberGenerator()
        let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        self.signer = try JWTSigner(key: JWTKey.hmac(secret: key, algorithm: .hs256), algorithm: .hs256, type: nil)
    }

    /// The base64url HMAC of `token`.
    func digest(_ token: Secret) throws -> String {
        // A compact JWS over the token as signing input ends with `.` and the MAC; keep only the MAC.
        let signed = try self.signer.sign(signingInput: token.revealed)
        guard let dot = signed.lastIndex(of: ".") else { return signed }
        return String(signed[signed.index(after: dot)...])
    }
}
