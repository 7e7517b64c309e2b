internal import CAuthBridgeOpenSSL

/// Message digests fetched once per process: a fetch takes a lock and a name lookup, which a verify
/// should not pay on every call.
// @unchecked: the EVP_MD pointer is fetched once, never mutated and lives for the process;
// OpenSSL documents fetched algorithms as safe to share between threads.
package final class Digest: @unchecked Sendable {
    package let md: OpaquePointer

    private init?(name: UnsafePointer<CChar>) {
        guard let md = EVP_MD_fetch(nil, name, nil) else {
            OpenSSLErrorStack.drain()
            return nil
        }
        self.md = md
    }

    deinit { EVP_MD_free(self.md) }

    /// SHA-1: only to name Redis's Lua scripts (`EVALSHA`), never for security.
    package static let sha1 = Digest(name: cab_name_sha1())
    package static let sha256 = Digest(name: cab_name_sha256())
    package static let sha384 = Digest(name: cab_name_sha384())
    package static let sha512 = Digest(name: cab_name_sha512())

    /// `digest`, or an error naming it when libcrypto lacks it.
    package static func required(_ digest: Digest?, _ name: String) throws(CryptoError) -> Digest {
        guard let digest else { throw CryptoError(.failure, "\(name) is unavailable in libcrypto") }
        return digest
    }

    /// The digest of `bytes` under `digest`.
    package static func hash(_ bytes: [UInt8], with digest: Digest) throws(CryptoError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MD_get_size(digest.md)))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBufferPointer { input in
            EVP_Digest(input.baseAddress, input.count, &out, &length, digest.md, nil)
        }
        guard ok == 1, Int(length) == out.count else { throw OpenSSLErrorStack.cryptoError(.failure, "hashing failed") }
        return out
    }

    /// The lower-case hex SHA-1 of `bytes` (Redis script names).
    package static func sha1Hex(_ bytes: [UInt8]) throws(CryptoError) -> String {
        let hexDigits = Array("0123456789abcdef".utf8)
        let hash = try Self.hash(bytes, with: Self.required(Self.sha1, "SHA-1"))
        return String(decoding: hash.flatMap { [hexDigits[Int($0 >> 4)], hexDigits[Int($0 & 0x0F)]] }, as: UTF8.self)
    }

    /// The base64url SHA-256 of a string's UTF-8 (PKCE challenges, store keys), written after `prefix`
    /// into one new string: no array for the input, the digest or the output.
    package static func sha256Base64URL(of text: String, prefix: String = "") throws(CryptoError) -> String {
        let digest = try Self.required(Self.sha256, "SHA-256")
        var text = text
        var hash: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var length: UInt32 = 0
        let ok = withUnsafeMutableBytes(of: &hash) { out in
            text.withUTF8 { input in
                EVP_Digest(input.baseAddress, input.count, out.baseAddress?.assumingMemoryBound(to: UInt8.self), &length, digest.md, nil)
            }
        }
        guard ok == 1, length == 32 else { throw OpenSSLErrorStack.cryptoError(.failure, "SHA-256 failed") }
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
    package static func sha256Hash(_ bytes: [UInt8]) throws(CryptoError) -> [UInt8] {
        try Self.hash(bytes, with: Self.required(Self.sha256, "SHA-256"))
    }
}
