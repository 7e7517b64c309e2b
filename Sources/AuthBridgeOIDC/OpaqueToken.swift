import AuthBridgeJWT

/// Codes and refresh tokens: 256 random bits, base64url. Stores see only their SHA-256 (``key(for:)``),
/// so a leaked store reveals no usable token.
enum OpaqueToken {
    static func make() throws(OIDCError) -> String {
        try Self.make(count: 1)[0]
    }

    /// `count` independent tokens from one draw of the generator (each draw costs a system call).
    static func make(count: Int) throws(OIDCError) -> [String] {
        let bytes: [UInt8]
        do {
            bytes = try SecureRandom.bytes(32 * count)
        } catch {
            throw OIDCError(.serverError, "the random generator failed")
        }
        return (0..<count).map { Base64URL.encode(bytes[32 * $0..<32 * ($0 + 1)]) }
    }

    /// The store key for a token: base64url SHA-256, prefixed with its kind.
    static func key(for token: String, kind: String) throws(OIDCError) -> String {
        let digest: [UInt8]
        do {
            digest = try Digest.sha256Hash(Array(token.utf8))
        } catch {
            throw OIDCError(.serverError, "hashing failed")
        }
        var out = [UInt8]()
        out.reserveCapacity(kind.utf8.count + 1 + Base64URL.encodedCount(digest.count))
        out.append(contentsOf: kind.utf8)
        out.append(UInt8(ascii: ":"))
        Base64URL.encode(digest, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
