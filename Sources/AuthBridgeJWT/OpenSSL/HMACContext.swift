import AuthBridgeCrypto
internal import CAuthBridgeOpenSSL
import Synchronization

/// A keyed HMAC. The key schedule and the digest fetch happen once per key: computations take a keyed
/// context from a small pool (or duplicate the template) and re-arm it with `EVP_MAC_init(ctx, NULL…)`,
/// which reuses the key, instead of allocating four libcrypto objects per token.
// @unchecked: the template context is initialised once and afterwards only read by
// EVP_MAC_CTX_dup; pooled contexts are handed to one caller at a time under the lock.
final class HMACContext: @unchecked Sendable {
    private let template: OpaquePointer
    private let idle = Mutex<[MACContext]>([])
    let outputLength: Int

    /// Owns one pooled `EVP_MAC_CTX`.
    // @unchecked: used by one caller at a time (see HMACContext).
    private final class MACContext: @unchecked Sendable {
        let pointer: OpaquePointer
        init(_ pointer: OpaquePointer) { self.pointer = pointer }
        deinit { EVP_MAC_CTX_free(self.pointer) }
    }

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
        let context: MACContext
        if let pooled = self.idle.withLock({ $0.popLast() }) {
            context = pooled
        } else {
            guard let copy = EVP_MAC_CTX_dup(self.template) else { throw OpenSSLErrorStack.error(.cryptoFailure, "cannot copy HMAC") }
            context = MACContext(copy)
        }
        var length = 0
        // A NULL key re-arms the context with the key it already holds.
        guard EVP_MAC_init(context.pointer, nil, 0, nil) == 1,
            EVP_MAC_update(context.pointer, message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count) == 1,
            EVP_MAC_final(context.pointer, out.baseAddress, &length, out.count) == 1, length == self.outputLength
        else { throw OpenSSLErrorStack.error(.cryptoFailure, "HMAC failed") }
        self.idle.withLock { idle in
            if idle.count < 16 { idle.append(context) }
        }
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
