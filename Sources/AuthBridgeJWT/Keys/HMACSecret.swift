import AuthBridgeCrypto
internal import CAuthBridgeOpenSSL

/// An HMAC secret and its keyed contexts; the bytes are wiped when the last copy goes away.
// @unchecked: immutable after init; the contexts are only read (duplicated) per computation.
final class HMACSecret: @unchecked Sendable {
    private let bytes: [UInt8]
    private let contexts: [JWSAlgorithm.Hash: HMACContext]

    init(_ secret: [UInt8]) throws(JWTError) {
        guard !secret.isEmpty else { throw JWTError(.invalidKey, "an HMAC secret must not be empty") }
        // A storage of our own: `deinit` wipes it in place, which must never reach a caller's array
        // that shares storage with `secret` (arrays are copy-on-write).
        self.bytes = [UInt8](unsafeUninitializedCapacity: secret.count) { buffer, count in
            _ = buffer.initialize(from: secret)
            count = secret.count
        }
        var contexts: [JWSAlgorithm.Hash: HMACContext] = [:]
        for hash in [JWSAlgorithm.Hash.sha256, .sha384, .sha512] {
            contexts[hash] = try HMACContext(key: secret, hash: hash)
        }
        self.contexts = contexts
    }

    deinit {
        self.bytes.withUnsafeBytes { raw in
            if let base = raw.baseAddress { OPENSSL_cleanse(UnsafeMutableRawPointer(mutating: base), raw.count) }
        }
    }

    var count: Int { self.bytes.count }

    func context(for hash: JWSAlgorithm.Hash) throws(JWTError) -> HMACContext {
        guard let context = self.contexts[hash] else { throw JWTError(.cryptoFailure, "no HMAC context") }
        return context
    }

    /// The secret itself, for JWK export with private members and for thumbprints only.
    func withBytes<T>(_ body: ([UInt8]) throws(JWTError) -> T) throws(JWTError) -> T { try body(self.bytes) }
}
