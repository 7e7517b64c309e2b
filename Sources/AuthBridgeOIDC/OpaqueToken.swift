import AuthBridgeCrypto
import AuthBridgeJWT

/// Codes and refresh tokens: 256 random bits, base64url. Stores see only their SHA-256 (``key(for:)``),
/// so a leaked store reveals no usable token.
enum OpaqueToken {
    static func make() throws(OIDCError) -> String {
        try Self.draw(32) { Base64URL.encode($0) }
    }

    /// A code and a PKCE verifier from one draw of the generator (each draw costs a system call).
    static func makeCodeAndVerifier() throws(OIDCError) -> (code: String, verifier: String) {
        try Self.draw(64) { bytes in
            (Base64URL.encode(UnsafeBufferPointer(rebasing: bytes[..<32])), Base64URL.encode(UnsafeBufferPointer(rebasing: bytes[32...])))
        }
    }

    /// `count` random bytes (at most 64) handed to `body`; they stay on the stack and are zeroed after.
    private static func draw<Result>(_ count: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) throws(OIDCError) -> Result {
        let result: Result? = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            let bytes = UnsafeMutableBufferPointer(rebasing: buffer[..<count])
            bytes.initialize(repeating: 0)
            defer { bytes.update(repeating: 0) }
            guard SecureRandom.fill(bytes) else { return nil }
            return body(UnsafeBufferPointer(bytes))
        }
        guard let result else { throw OIDCError(.serverError, "the random generator failed") }
        return result
    }

    /// The store key for a token: base64url SHA-256, prefixed with its kind.
    static func key(for token: String, kind: String) throws(OIDCError) -> String {
        do {
            return try Digest.sha256Base64URL(of: token, prefix: kind + ":")
        } catch {
            throw OIDCError(.serverError, "hashing failed")
        }
    }
}
