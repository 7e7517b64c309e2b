import AuthBridgeCore
import AuthBridgeCrypto
import AuthBridgeJWT

/// RFC 7636 with `S256` only.
enum PKCE {
    /// Verifiers are 43-128 characters of `[A-Za-z0-9-._~]`.
    static func isValidVerifier(_ verifier: String) -> Bool {
        let count = verifier.utf8.count
        guard count >= 43, count <= 128 else { return false }
        return verifier.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                true
            default:
                false
            }
        }
    }

    /// An S256 challenge is the base64url SHA-256 of the verifier: 43 characters.
    static func isValidChallenge(_ challenge: String) -> Bool {
        challenge.utf8.count == 43 && Base64URL.decode(challenge)?.count == 32
    }

    static func challenge(for verifier: String) throws(OIDCError) -> String {
        do {
            return try Digest.sha256Base64URL(of: verifier)
        } catch {
            throw OIDCError(.serverError, "hashing failed")
        }
    }

    /// Whether `verifier` matches `challenge`, compared in constant time.
    static func verify(_ verifier: String, against challenge: String) throws(OIDCError) -> Bool {
        guard Self.isValidVerifier(verifier) else { return false }
        return Secret(try Self.challenge(for: verifier)) == Secret(challenge)
    }
}
