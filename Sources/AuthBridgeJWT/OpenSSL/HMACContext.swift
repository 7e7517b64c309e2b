internal import CAuthBridgeOpenSSL

/// A keyed HMAC template. Each computation duplicates the template, so the key schedule and the digest
/// fetch happen once per key, not once per token.
final class HMACContext: @unchecked Sendable {
    // @unchecked: the template context is initialised once and afterwards only read by
    // EVP_MAC_CTX_dup; every computation works on its own duplicate.
    private let template: OpaquePointer
    let outputLength: Int

    /// Any key length is accepted here; JOSE length policy lives in ``JWTKey``. An empty key is
    /// HMAC-equivalent to one zero byte (keys are zero-padded to the block size), and libcrypto reads
    /// an empty key as "keep the previous key", so it is replaced.
    init(key: [UInt8], hash: JWSAlgorithm.Hash) throws(JWTError) {
        let digest = try Digest.forHash(hash)
        guard let mac = EVP_MAC_fetch(nil, "HMAC", nil) else { throw OpenSSLErrorStack.error(.cryptoFailure, "HMAC is unavailable") }
        defer { EVP_MAC_free(mac) }
        guard let ctx = EVP_MAC_CTX_new(mac) else { throw OpenSSLErrorStack.error(.cryptoFailure, "cannot allocate HMAC") }
        let keyBytes = key.isEmpty ? [0] : key
        let name = EVP_MD_get0_name(digest.md)
        let ok: Int32 = keyBytes.withUnsafeBufferPointer { keyBuffer in
            var params = [
                OSSL_PARAM_construct_utf8_string(cab_param_digest(), UnsafeMutablePointer(mutating: name), 0),
                OSSL_PARAM_construct_end(),
            ]
            return EVP_MAC_init(ctx, keyBuffer.baseAddress, keyBuffer.count, &params)
        }
        guard ok == 1 else {
            EVP_MAC_CTX_free(ctx)
            throw OpenSSLErrorStack.error(.cryptoFailure, "cannot key HMAC")
        }
        self.template = ctx
        self.outputLength = Int(EVP_MD_get_size(digest.md))
    }

    deinit { EVP_MAC_CTX_free(self.template) }

    /// Writes the MAC of `message` into `out` (at least `outputLength` bytes).
    func authenticate(_ message: UnsafeRawBufferPointer, into out: UnsafeMutableBufferPointer<UInt8>) throws(JWTError) {
        guard let ctx = EVP_MAC_CTX_dup(self.template) else { throw OpenSSLErrorStack.error(.cryptoFailure, "cannot copy HMAC") }
        defer { EVP_MAC_CTX_free(ctx) }
        var length = 0
        guard EVP_MAC_update(ctx, message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count) == 1,
            EVP_MAC_final(ctx, out.baseAddress, &length, out.count) == 1, length == self.outputLength
        else { throw OpenSSLErrorStack.error(.cryptoFailure, "HMAC failed") }
    }

    func authenticate(_ message: [UInt8]) throws(JWTError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: self.outputLength)
        try JWTError.rethrowing {
            try message.withUnsafeBytes { input in
                try out.withUnsafeMutableBufferPointer { buffer in try self.authenticate(input, into: buffer) }
            }
        }
        return out
    }
}
