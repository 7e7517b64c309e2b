internal import CAuthBridgeOpenSSL

/// A libcrypto signing or verifying context for one key and algorithm, initialised once and reused.
///
/// Initialising an `EVP_PKEY_CTX` fetches the signature implementation and configures padding, which
/// cost more than a 2048-bit RSA verify's margin over the bare primitive; a reused context leaves the
/// digest and the primitive itself. Contexts are pooled per key (``EVPKey/withContext(_:_:)``) and used
/// by one caller at a time.
final class PKeyOperationContext: @unchecked Sendable {
    // @unchecked: libcrypto contexts are not thread-safe, and none is shared: the pool in EVPKey hands
    // each one to a single caller at a time and takes it back under its lock.
    let operation: Operation
    let pkeyContext: OpaquePointer
    let digestContext: OpaquePointer
    let digest: Digest

    struct Operation: Hashable {
        let algorithm: JWSAlgorithm
        let signing: Bool
    }

    init(key: EVPKey, operation: Operation) throws(JWTError) {
        guard let hash = operation.algorithm.hash else { throw JWTError(.cryptoFailure, "no pre-hash for \(operation.algorithm)") }
        let digest = try Digest.forHash(hash)
        guard let pkeyContext = EVP_PKEY_CTX_new_from_pkey(nil, key.pointer, nil) else {
            throw OpenSSLErrorStack.error(.cryptoFailure, "cannot allocate a key context")
        }
        guard let digestContext = EVP_MD_CTX_new() else {
            EVP_PKEY_CTX_free(pkeyContext)
            throw OpenSSLErrorStack.error(.cryptoFailure, "cannot allocate a digest context")
        }
        self.operation = operation
        self.pkeyContext = pkeyContext
        self.digestContext = digestContext
        self.digest = digest
        let initialised = operation.signing ? EVP_PKEY_sign_init(pkeyContext) : EVP_PKEY_verify_init(pkeyContext)
        guard initialised == 1, EVP_PKEY_CTX_set_signature_md(pkeyContext, digest.md) == 1 else {
            throw OpenSSLErrorStack.error(.cryptoFailure, "cannot start the signature operation")
        }
        switch operation.algorithm.family {
        case .rsaPSS:
            // Salt = hash length on both sides: OpenSSL 3.0 would otherwise sign with the maximum salt and
            // verify any salt length.
            guard EVP_PKEY_CTX_set_rsa_padding(pkeyContext, RSA_PKCS1_PSS_PADDING) == 1,
                EVP_PKEY_CTX_set_rsa_pss_saltlen(pkeyContext, RSA_PSS_SALTLEN_DIGEST) == 1,
                EVP_PKEY_CTX_set_rsa_mgf1_md(pkeyContext, digest.md) == 1
            else { throw OpenSSLErrorStack.error(.cryptoFailure, "cannot configure RSA-PSS") }
        case .rsaPKCS1:
            guard EVP_PKEY_CTX_set_rsa_padding(pkeyContext, RSA_PKCS1_PADDING) == 1 else {
                throw OpenSSLErrorStack.error(.cryptoFailure, "cannot configure RSA PKCS#1")
            }
        default:
            break
        }
    }

    deinit {
        EVP_PKEY_CTX_free(self.pkeyContext)
        EVP_MD_CTX_free(self.digestContext)
    }

    /// Hashes `message` into `out`, returning the digest length.
    func hash(_ message: UnsafeRawBufferPointer, into out: UnsafeMutablePointer<UInt8>) throws(JWTError) -> Int {
        var length: UInt32 = 0
        guard EVP_DigestInit_ex2(self.digestContext, self.digest.md, nil) == 1,
            EVP_DigestUpdate(self.digestContext, message.baseAddress, message.count) == 1,
            EVP_DigestFinal_ex(self.digestContext, out, &length) == 1
        else { throw OpenSSLErrorStack.error(.cryptoFailure, "hashing failed") }
        return Int(length)
    }

    /// 1 for a valid signature; libcrypto's 0 or negative answers are a bad signature.
    func verify(_ signature: UnsafeBufferPointer<UInt8>, message: UnsafeRawBufferPointer) throws(JWTError) -> Bool {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer throws(JWTError) in
            let length = try self.hash(message, into: buffer.baseAddress!)
            return EVP_PKEY_verify(self.pkeyContext, signature.baseAddress, signature.count, buffer.baseAddress, length) == 1
        }
    }

    /// The DER (ECDSA) or raw (RSA) signature of `message`.
    func sign(_ message: UnsafeRawBufferPointer) throws(JWTError) -> [UInt8] {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer throws(JWTError) in
            let length = try self.hash(message, into: buffer.baseAddress!)
            var size = 0
            guard EVP_PKEY_sign(self.pkeyContext, nil, &size, buffer.baseAddress, length) == 1 else {
                throw OpenSSLErrorStack.error(.cryptoFailure, "cannot size the signature")
            }
            var signature = [UInt8](repeating: 0, count: size)
            guard EVP_PKEY_sign(self.pkeyContext, &signature, &size, buffer.baseAddress, length) == 1 else {
                throw OpenSSLErrorStack.error(.cryptoFailure, "signing failed")
            }
            signature.removeLast(signature.count - size)
            return signature
        }
    }
}
