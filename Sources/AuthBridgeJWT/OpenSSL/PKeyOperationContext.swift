import AuthBridgeCrypto
internal import CAuthBridgeOpenSSL

/// A libcrypto signing or verifying context for one key and algorithm, initialised once and reused.
///
/// Initialising an `EVP_PKEY_CTX` fetches the signature implementation and configures padding, which
/// cost more than a 2048-bit RSA verify's margin over the bare primitive; a reused context leaves the
/// digest and the primitive itself. Ed25519 has no pre-hash: its context is a digest-sign or
/// digest-verify `EVP_MD_CTX`, re-armed per call on the key it holds (a few hundred instructions,
/// against some 20,000 for a fresh one). Contexts are pooled per key (``EVPKey/withContext(_:_:)``) and
/// used by one caller at a time.
// @unchecked: libcrypto contexts are not thread-safe, and none is shared: the pool in EVPKey hands
// each one to a single caller at a time and takes it back under its lock.
final class PKeyOperationContext: @unchecked Sendable {
    let operation: Operation
    /// Nil for Ed25519, whose key context belongs to `digestContext`.
    let pkeyContext: OpaquePointer?
    let digestContext: OpaquePointer
    /// Nil for Ed25519.
    let digest: Digest?

    struct Operation: Hashable {
        let algorithm: JWSAlgorithm
        let signing: Bool
    }

    init(key: EVPKey, operation: Operation) throws(JWTError) {
        if operation.algorithm.family == .eddsa {
            guard let digestContext = EVP_MD_CTX_new() else { throw OpenSSLErrorStack.error(.cryptoFailure, "cannot allocate a digest context") }
            self.operation = operation
            self.pkeyContext = nil
            self.digestContext = digestContext
            self.digest = nil
            let initialised =
                operation.signing
                ? EVP_DigestSignInit(digestContext, nil, nil, nil, key.pointer)
                : EVP_DigestVerifyInit(digestContext, nil, nil, nil, key.pointer)
            guard initialised == 1 else { throw OpenSSLErrorStack.error(.cryptoFailure, "cannot start the signature operation") }
            return
        }
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
        if let pkeyContext = self.pkeyContext { EVP_PKEY_CTX_free(pkeyContext) }
        EVP_MD_CTX_free(self.digestContext)
    }

    /// Hashes `message` into `out`, returning the digest length.
    func hash(_ message: UnsafeRawBufferPointer, into out: UnsafeMutablePointer<UInt8>) throws(JWTError) -> Int {
        var length: UInt32 = 0
        guard let digest = self.digest else { throw JWTError(.cryptoFailure, "no pre-hash for \(self.operation.algorithm)") }
        guard EVP_DigestInit_ex2(self.digestContext, digest.md, nil) == 1,
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

    /// Writes the DER (ECDSA) or raw (RSA) signature of `message` into `out`, which must hold the key's
    /// maximum signature size (`EVP_PKEY_get_size`), and returns its length. Sizing the output through
    /// libcrypto first would cost a second call into the signature provider.
    func sign(_ message: UnsafeRawBufferPointer, into out: UnsafeMutableBufferPointer<UInt8>) throws(JWTError) -> Int {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer throws(JWTError) in
            let length = try self.hash(message, into: buffer.baseAddress!)
            var size = out.count
            guard EVP_PKEY_sign(self.pkeyContext, out.baseAddress, &size, buffer.baseAddress, length) == 1, size <= out.count else {
                throw OpenSSLErrorStack.error(.cryptoFailure, "signing failed")
            }
            return size
        }
    }

    /// Re-arms an Ed25519 context on the key it already holds: no key, so libcrypto skips the fetch.
    /// Needed since OpenSSL 3.2 marks a context finalised after a one-shot call.
    private func rearmEd25519() throws(JWTError) {
        let rearmed =
            self.operation.signing
            ? EVP_DigestSignInit(self.digestContext, nil, nil, nil, nil)
            : EVP_DigestVerifyInit(self.digestContext, nil, nil, nil, nil)
        guard rearmed == 1 else { throw OpenSSLErrorStack.error(.cryptoFailure, "cannot restart the signature operation") }
    }

    /// Ed25519 verify of `message` (hashed inside, with SHA-512).
    func verifyEd25519(_ signature: UnsafeBufferPointer<UInt8>, message: UnsafeRawBufferPointer) throws(JWTError) -> Bool {
        try self.rearmEd25519()
        let input = message.baseAddress?.assumingMemoryBound(to: UInt8.self)
        return EVP_DigestVerify(self.digestContext, signature.baseAddress, signature.count, input, message.count) == 1
    }

    /// Writes the 64-byte Ed25519 signature of `message` into `out` (at least 64 bytes).
    func signEd25519(_ message: UnsafeRawBufferPointer, into out: UnsafeMutableBufferPointer<UInt8>) throws(JWTError) -> Int {
        try self.rearmEd25519()
        let input = message.baseAddress?.assumingMemoryBound(to: UInt8.self)
        var length = out.count
        guard EVP_DigestSign(self.digestContext, out.baseAddress, &length, input, message.count) == 1, length == 64 else {
            throw OpenSSLErrorStack.error(.cryptoFailure, "signing failed")
        }
        return length
    }
}
