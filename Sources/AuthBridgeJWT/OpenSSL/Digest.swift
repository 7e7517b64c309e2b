internal import CAuthBridgeOpenSSL

/// Message digests fetched once per process: a fetch takes a lock and a name lookup, which a verify
/// should not pay on every call.
package final class Digest: @unchecked Sendable {
    // @unchecked: the EVP_MD pointer is fetched once, never mutated and lives for the process;
    // OpenSSL documents fetched algorithms as safe to share between threads.
    let md: OpaquePointer

    private init?(name: UnsafePointer<CChar>) {
        guard let md = EVP_MD_fetch(nil, name, nil) else {
            OpenSSLErrorStack.drain()
            return nil
        }
        self.md = md
    }

    deinit { EVP_MD_free(self.md) }

    static let sha256 = Digest(name: cab_name_sha256())
    static let sha384 = Digest(name: cab_name_sha384())
    static let sha512 = Digest(name: cab_name_sha512())

    static func forHash(_ hash: JWSAlgorithm.Hash) throws(JWTError) -> Digest {
        let digest: Digest?
        switch hash {
        case .sha256: digest = sha256
        case .sha384: digest = sha384
        case .sha512: digest = sha512
        }
        guard let digest else { throw JWTError(.cryptoFailure, "the SHA-2 digests are unavailable in libcrypto") }
        return digest
    }

    /// The base64url SHA-256 of a string's UTF-8 (PKCE challenges, store keys), written after `prefix`
    /// into one new string: no array for the input, the digest or the output.
    package static func sha256Base64URL(of text: String, prefix: String = "") throws(JWTError) -> String {
        let digest = try forHash(.sha256)
        var text = text
        var hash: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var length: UInt32 = 0
        let ok = withUnsafeMutableBytes(of: &hash) { out in
            text.withUTF8 { input in
                EVP_Digest(input.baseAddress, input.count, out.baseAddress?.assumingMemoryBound(to: UInt8.self), &length, digest.md, nil)
            }
        }
        guard ok == 1, length == 32 else { throw OpenSSLErrorStack.error(.cryptoFailure, "SHA-256 failed") }
        var prefix = prefix
        return prefix.withUTF8 { head in
            withUnsafeBytes(of: &hash) { raw in
                String(unsafeUninitializedCapacity: head.count + Base64URL.encodedCount(32)) { output in
                    _ = output.initialize(fromContentsOf: head)
                    return head.count
                        + Base64URL.encode(raw.assumingMemoryBound(to: UInt8.self), to: UnsafeMutableBufferPointer(rebasing: output[head.count...]))
                }
            }
        }
    }

    /// SHA-256 of `bytes` (RFC 7638 thumbprints, PKCE).
    package static func sha256Hash(_ bytes: [UInt8]) throws(JWTError) -> [UInt8] {
        let digest = try forHash(.sha256)
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBufferPointer { input in
            EVP_Digest(input.baseAddress, input.count, &out, &length, digest.md, nil)
        }
        guard ok == 1, length == 32 else { throw OpenSSLErrorStack.error(.cryptoFailure, "SHA-256 failed") }
        return out
    }
}
