import AuthBridgeJWT

/// Codes and refresh tokens: 256 random bits, base64url. Stores see only their SHA-256 (``key(for:)``),
/// so a leaked store reveals no usable token.
enum OpaqueToken {
    static func make() throws(OIDCError) -> String {
        do {
            return Base64URL.encode(try SecureRandom.bytes(32))
        } catch {
            throw OIDCError(.serverError, "the random generator failed")
        }
    }

    /// The store key for a token: base64url SHA-256, prefixed with its kind.
    static func key(for token: String, kind: String) throws(OIDCError) -> String {
        do {
            return kind + ":" + Base64URL.encode(try Digest.sha256Hash(Array(token.utf8)))
        } catch {
            throw OIDCError(.serverError, "hashing failed")
        }
    }
}
