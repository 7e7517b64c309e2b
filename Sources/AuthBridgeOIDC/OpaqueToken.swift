import AuthBridgeJWT

/// Codes and refresh tokens: 256 random bits, base64url. Stores see only their SHA-256 (``key(for:)``),
/// so a leaked store reveals no usable token.
enum OpaqueToken {
    static func make() throws(OIDCError) -> String {
        try Self.makePair(withVerifier: false).code
    }

    /// A code and, when `withVerifier`, a PKCE verifier from one draw of the generator (each draw costs
    /// a system call); the bytes stay on the stack.
    static func makePair(withVerifier: Bool) throws(OIDCError) -> (code: String, verifier: String?) {
        let count = withVerifier ? 64 : 32
        var drawn = false
        let pair: (String, String?) = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { bytes in
            guard SecureRandom.fill(UnsafeMutableBufferPointer(rebasing: bytes[..<count])) else { return ("", nil) }
            drawn = true
            let code = Base64URL.encode(UnsafeBufferPointer(rebasing: bytes[..<32]))
            let verifier = withVerifier ? Base64URL.encode(UnsafeBufferPointer(rebasing: bytes[32..<64])) : nil
            bytes.update(repeating: 0)
            return (code, verifier)
        }
        guard drawn else { throw OIDCError(.serverError, "the random generator failed") }
        return pair
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
