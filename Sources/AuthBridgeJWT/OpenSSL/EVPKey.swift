import AuthBridgeCrypto
internal import CAuthBridgeOpenSSL
import Synchronization

/// Owns one `EVP_PKEY`. Immutable after init and freed in `deinit`.
// @unchecked: the key is never mutated after construction; OpenSSL 3 allows concurrent use of a
// shared, unmodified EVP_PKEY for signing and verifying, each call with its own contexts.
final class EVPKey: @unchecked Sendable {
    let pointer: OpaquePointer
    /// Idle, initialised operation contexts, reused one caller at a time. A key serves one or two
    /// operations, so a short list searched by equality beats hashing the operation on every call.
    private let idleContexts = Mutex<[(operation: PKeyOperationContext.Operation, contexts: [PKeyOperationContext])]>([])
    /// Contexts kept per operation; more concurrent callers get fresh ones that are freed after use.
    private static let maximumIdleContexts = 16

    /// Takes ownership of `pointer`.
    init(taking pointer: OpaquePointer) { self.pointer = pointer }

    /// Runs `body` with an initialised context for `operation`, taken from the pool or made, and returns
    /// it afterwards. A context whose operation threw is dropped rather than reused.
    func withContext<T>(
        _ operation: PKeyOperationContext.Operation,
        _ body: (PKeyOperationContext) throws(JWTError) -> T
    ) throws(JWTError) -> T {
        let pooled = self.idleContexts.withLock { idle -> PKeyOperationContext? in
            guard let slot = idle.firstIndex(where: { $0.operation == operation }) else { return nil }
            return idle[slot].contexts.popLast()
        }
        let context: PKeyOperationContext
        if let pooled {
            context = pooled
        } else {
            context = try PKeyOperationContext(key: self, operation: operation)
        }
        let result = try body(context)
        self.idleContexts.withLock { idle in
            if let slot = idle.firstIndex(where: { $0.operation == operation }) {
                if idle[slot].contexts.count < Self.maximumIdleContexts { idle[slot].contexts.append(context) }
            } else {
                idle.append((operation, [context]))
            }
        }
        return result
    }

    deinit { EVP_PKEY_free(self.pointer) }

    var bits: Int { Int(EVP_PKEY_get_bits(self.pointer)) }

    /// The longest signature the key makes (DER for ECDSA), which libcrypto caches in the key.
    var maximumSignatureSize: Int { max(Int(EVP_PKEY_get_size(self.pointer)), 0) }

    func isA(_ name: String) -> Bool { EVP_PKEY_is_a(self.pointer, name) == 1 }

    /// A big-number parameter such as `n` or `e`, big-endian and minimal; nil when absent.
    func bigNumber(_ name: UnsafePointer<CChar>, paddedTo length: Int? = nil) -> [UInt8]? {
        var bn: OpaquePointer? = nil
        guard EVP_PKEY_get_bn_param(self.pointer, name, &bn) == 1, let bn else {
            OpenSSLErrorStack.drain()
            return nil
        }
        defer { BN_clear_free(bn) }
        let count = length ?? Int(cab_bn_num_bytes(bn))
        var out = [UInt8](repeating: 0, count: count)
        guard BN_bn2binpad(bn, &out, Int32(count)) == Int32(count) else {
            OpenSSLErrorStack.drain()
            return nil
        }
        return out
    }

    /// The raw public or private bytes of an Ed25519 key.
    func raw(privateKey: Bool) -> [UInt8]? {
        var length = 0
        let getter = privateKey ? EVP_PKEY_get_raw_private_key : EVP_PKEY_get_raw_public_key
        guard getter(self.pointer, nil, &length) == 1 else { OpenSSLErrorStack.drain(); return nil }
        var out = [UInt8](repeating: 0, count: length)
        guard getter(self.pointer, &out, &length) == 1 else { OpenSSLErrorStack.drain(); return nil }
        return Array(out.prefix(length))
    }

    /// A new key holding only the public half.
    func publicOnly() throws(JWTError) -> EVPKey {
        var der: UnsafeMutablePointer<UInt8>? = nil
        let length = i2d_PUBKEY(self.pointer, &der)
        guard length > 0, let der else { throw OpenSSLErrorStack.error(.invalidKey, "cannot export the public key") }
        defer { cab_openssl_free(der) }
        var cursor: UnsafePointer<UInt8>? = UnsafePointer(der)
        guard let key = d2i_PUBKEY(nil, &cursor, Int(length)) else {
            throw OpenSSLErrorStack.error(.invalidKey, "cannot re-import the public key")
        }
        return EVPKey(taking: key)
    }

    /// Runs libcrypto's public-key check (point on the curve and not infinity; RSA sanity).
    func checkPublic() -> Bool {
        guard let ctx = EVP_PKEY_CTX_new_from_pkey(nil, self.pointer, nil) else { return false }
        defer { EVP_PKEY_CTX_free(ctx) }
        let ok = EVP_PKEY_public_check(ctx) == 1
        if !ok { OpenSSLErrorStack.drain() }
        return ok
    }

    /// Checks that the private half matches the public half.
    func checkPair() -> Bool {
        guard let ctx = EVP_PKEY_CTX_new_from_pkey(nil, self.pointer, nil) else { return false }
        defer { EVP_PKEY_CTX_free(ctx) }
        let ok = EVP_PKEY_pairwise_check(ctx) == 1
        if !ok { OpenSSLErrorStack.drain() }
        return ok
    }
}
