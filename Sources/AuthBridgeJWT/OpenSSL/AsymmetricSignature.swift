internal import CAuthBridgeOpenSSL

/// RSA (PKCS#1 v1.5 and PSS), ECDSA and Ed25519 signatures through libcrypto's one-shot EVP calls.
enum AsymmetricSignature {
    /// True only when libcrypto answers exactly 1; 0 and negative answers are a bad signature, with the
    /// error queue drained.
    static func verify(
        key: EVPKey,
        algorithm: JWSAlgorithm,
        message: UnsafeRawBufferPointer,
        signature: UnsafeBufferPointer<UInt8>
    ) throws(JWTError) -> Bool {
        if algorithm.family == .ecdsa {
            guard let curve = algorithm.curve, let der = ECDSASignature.der(fromRaw: signature, curve: curve) else {
                return false
            }
            return try der.withUnsafeBufferPointer { buffer throws(JWTError) in
                try verifyRaw(key: key, algorithm: algorithm, message: message, signature: buffer)
            }
        }
        return try verifyRaw(key: key, algorithm: algorithm, message: message, signature: signature)
    }

    private static func verifyRaw(
        key: EVPKey,
        algorithm: JWSAlgorithm,
        message: UnsafeRawBufferPointer,
        signature: UnsafeBufferPointer<UInt8>
    ) throws(JWTError) -> Bool {
        guard let ctx = EVP_MD_CTX_new() else { throw OpenSSLErrorStack.error(.cryptoFailure, "cannot allocate a digest context") }
        defer { EVP_MD_CTX_free(ctx) }
        try self.initialise(ctx, key: key, algorithm: algorithm, signing: false)
        let result = EVP_DigestVerify(
            ctx,
            signature.baseAddress,
            signature.count,
            message.baseAddress?.assumingMemoryBound(to: UInt8.self),
            message.count
        )
        if result != 1 {
            OpenSSLErrorStack.drain()
            return false
        }
        return true
    }

    /// The JOSE signature of `message` (R‖S for ECDSA).
    static func sign(key: EVPKey, algorithm: JWSAlgorithm, message: UnsafeRawBufferPointer) throws(JWTError) -> [UInt8] {
        guard let ctx = EVP_MD_CTX_new() else { throw OpenSSLErrorStack.error(.cryptoFailure, "cannot allocate a digest context") }
        defer { EVP_MD_CTX_free(ctx) }
        try self.initialise(ctx, key: key, algorithm: algorithm, signing: true)
        let input = message.baseAddress?.assumingMemoryBound(to: UInt8.self)
        var length = 0
        guard EVP_DigestSign(ctx, nil, &length, input, message.count) == 1 else {
            throw OpenSSLErrorStack.error(.cryptoFailure, "cannot size the signature")
        }
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(ctx, &signature, &length, input, message.count) == 1 else {
            throw OpenSSLErrorStack.error(.cryptoFailure, "signing failed")
        }
        signature.removeLast(signature.count - length)
        if algorithm.family == .ecdsa {
            guard let curve = algorithm.curve, let raw = ECDSASignature.raw(fromDER: signature, curve: curve) else {
                throw JWTError(.cryptoFailure, "libcrypto returned an unexpected ECDSA signature")
            }
            return raw
        }
        return signature
    }

    private static func initialise(_ ctx: OpaquePointer, key: EVPKey, algorithm: JWSAlgorithm, signing: Bool) throws(JWTError) {
        var pctx: OpaquePointer? = nil
        let md = try algorithm.hash.map { hash throws(JWTError) in try Digest.forHash(hash).md }
        let ok =
            signing
            ? EVP_DigestSignInit(ctx, &pctx, md, nil, key.pointer)
            : EVP_DigestVerifyInit(ctx, &pctx, md, nil, key.pointer)
        guard ok == 1 else { throw OpenSSLErrorStack.error(.cryptoFailure, "cannot start the signature operation") }
        if algorithm.family == .rsaPSS {
            // Salt = hash length on both sides: OpenSSL 3.0 would otherwise sign with the maximum salt and
            // verify any salt length.
            guard let pctx, EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1,
                EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1,
                EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md) == 1
            else { throw OpenSSLErrorStack.error(.cryptoFailure, "cannot configure RSA-PSS") }
        } else if algorithm.family == .rsaPKCS1 {
            guard let pctx, EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1 else {
                throw OpenSSLErrorStack.error(.cryptoFailure, "cannot configure RSA PKCS#1")
            }
        }
    }
}
