import AuthBridgeCrypto
internal import CAuthBridgeOpenSSL

/// Builds an `EVP_PKEY` from named parameters with `OSSL_PARAM_BLD`, owning every intermediate.
///
/// The builder keeps pointers to big numbers and octet buffers until `to_param`, so this class holds
/// them until it is done.
final class KeyBuilder {
    private let builder: OpaquePointer
    private var bigNumbers: [OpaquePointer] = []
    private var buffers: [UnsafeMutableBufferPointer<UInt8>] = []

    init() throws(JWTError) {
        guard let builder = OSSL_PARAM_BLD_new() else { throw OpenSSLErrorStack.error(.cryptoFailure, "cannot allocate a parameter builder") }
        self.builder = builder
    }

    deinit {
        for bn in self.bigNumbers { BN_clear_free(bn) }
        for buffer in self.buffers {
            OPENSSL_cleanse(buffer.baseAddress, buffer.count)
            buffer.deallocate()
        }
        OSSL_PARAM_BLD_free(self.builder)
    }

    func pushBigNumber(_ name: UnsafePointer<CChar>, _ bytes: [UInt8]) throws(JWTError) {
        guard let bn = BN_bin2bn(bytes, Int32(bytes.count), nil) else { throw OpenSSLErrorStack.error(.cryptoFailure, "cannot make a big number") }
        self.bigNumbers.append(bn)
        guard OSSL_PARAM_BLD_push_BN(self.builder, name, bn) == 1 else { throw OpenSSLErrorStack.error(.invalidKey, "cannot set a key parameter") }
    }

    func pushOctets(_ name: UnsafePointer<CChar>, _ bytes: [UInt8]) throws(JWTError) {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = buffer.initialize(from: bytes)
        self.buffers.append(buffer)
        guard OSSL_PARAM_BLD_push_octet_string(self.builder, name, buffer.baseAddress, bytes.count) == 1 else {
            throw OpenSSLErrorStack.error(.invalidKey, "cannot set a key parameter")
        }
    }

    func pushString(_ name: UnsafePointer<CChar>, _ value: UnsafePointer<CChar>) throws(JWTError) {
        guard OSSL_PARAM_BLD_push_utf8_string(self.builder, name, value, 0) == 1 else {
            throw OpenSSLErrorStack.error(.invalidKey, "cannot set a key parameter")
        }
    }

    /// Makes the key: `keyType` is "RSA" or "EC"; `privateKey` selects a key pair.
    func build(keyType: String, privateKey: Bool) throws(JWTError) -> EVPKey {
        guard let params = OSSL_PARAM_BLD_to_param(self.builder) else { throw OpenSSLErrorStack.error(.invalidKey, "cannot collect key parameters") }
        defer { OSSL_PARAM_free(params) }
        guard let ctx = EVP_PKEY_CTX_new_from_name(nil, keyType, nil) else {
            throw OpenSSLErrorStack.error(.cryptoFailure, "\(keyType) is unavailable")
        }
        defer { EVP_PKEY_CTX_free(ctx) }
        var key: OpaquePointer? = nil
        guard EVP_PKEY_fromdata_init(ctx) == 1,
            EVP_PKEY_fromdata(ctx, &key, privateKey ? cab_selection_keypair() : cab_selection_public_key(), params) == 1,
            let key
        else { throw OpenSSLErrorStack.error(.invalidKey, "libcrypto refused the \(keyType) key") }
        return EVPKey(taking: key)
    }
}
