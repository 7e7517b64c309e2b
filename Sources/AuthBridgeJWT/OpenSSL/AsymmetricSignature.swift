internal import CAuthBridgeOpenSSL

/// RSA (PKCS#1 v1.5 and PSS), ECDSA and Ed25519 signatures through libcrypto.
///
/// RSA and ECDSA hash the message, then sign or verify the digest with a pooled, pre-initialised
/// context (``PKeyOperationContext``). Ed25519 hashes internally and has only the one-shot digest calls.
enum AsymmetricSignature {
    /// True only when libcrypto answers exactly 1; 0 and negative answers are a bad signature, with the
    /// error queue drained.
    static func verify(
        key: EVPKey,
        algorithm: JWSAlgorithm,
        message: UnsafeRawBufferPointer,
        signature: UnsafeBufferPointer<UInt8>
    ) throws(JWTError) -> Bool {
        let valid: Bool
        switch algorithm.family {
        case .ecdsa:
            guard let curve = algorithm.curve, let der = ECDSASignature.der(fromRaw: signature, curve: curve) else { return false }
            valid = try JWTError.rethrowing {
                try der.withUnsafeBufferPointer { buffer in try verifyDigest(key: key, algorithm: algorithm, message: message, signature: buffer) }
            }
        case .eddsa:
            valid = try verifyEd25519(key: key, message: message, signature: signature)
        default:
            valid = try verifyDigest(key: key, algorithm: algorithm, message: message, signature: signature)
        }
        if !valid { OpenSSLErrorStack.drain() }
        return valid
    }

    /// The JOSE signature of `message` (R‖S for ECDSA).
    static func sign(key: EVPKey, algorithm: JWSAlgorithm, message: UnsafeRawBufferPointer) throws(JWTError) -> [UInt8] {
        switch algorithm.family {
        case .eddsa:
            return try signEd25519(key: key, message: message)
        case .ecdsa:
            let der = try key.withContext(.init(algorithm: algorithm, signing: true)) { context throws(JWTError) in try context.sign(message) }
            guard let curve = algorithm.curve, let raw = ECDSASignature.raw(fromDER: der, curve: curve) else {
                throw JWTError(.cryptoFailure, "libcrypto returned an unexpected ECDSA signature")
            }
            return raw
        default:
            return try key.withContext(.init(algorithm: algorithm, signing: true)) { context throws(JWTError) in try context.sign(message) }
        }
    }

    private static func verifyDigest(
        key: EVPKey,
        algorithm: JWSAlgorithm,
        message: UnsafeRawBufferPointer,
        signature: UnsafeBufferPointer<UInt8>
    ) throws(JWTError) -> Bool {
        try key.withContext(.init(algorithm: algorithm, signing: false)) { context throws(JWTError) in
            try context.verify(signature, message: message)
        }
    }

    private static func verifyEd25519(key: EVPKey, message: UnsafeRawBufferPointer, signature: UnsafeBufferPointer<UInt8>) throws(JWTError) -> Bool {
        guard let ctx = EVP_MD_CTX_new() else { throw OpenSSLErrorStack.error(.cryptoFailure, "cannot allocate a digest context") }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestVerifyInit(ctx, nil, nil, nil, key.pointer) == 1 else {
            throw OpenSSLErrorStack.error(.cryptoFailure, "cannot start the signature operation")
        }
        let input = message.baseAddress?.assumingMemoryBound(to: UInt8.self)
        return EVP_DigestVerify(ctx, signature.baseAddress, signature.count, input, message.count) == 1
    }

    private static func signEd25519(key: EVPKey, message: UnsafeRawBufferPointer) throws(JWTError) -> [UInt8] {
        guard let ctx = EVP_MD_CTX_new() else { throw OpenSSLErrorStack.error(.cryptoFailure, "cannot allocate a digest context") }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestSignInit(ctx, nil, nil, nil, key.pointer) == 1 else {
            throw OpenSSLErrorStack.error(.cryptoFailure, "cannot start the signature operation")
        }
        let input = message.baseAddress?.assumingMemoryBound(to: UInt8.self)
        var signature = [UInt8](repeating: 0, count: 64)
        var length = signature.count
        guard EVP_DigestSign(ctx, &signature, &length, input, message.count) == 1, length == 64 else {
            throw OpenSSLErrorStack.error(.cryptoFailure, "signing failed")
        }
        return signature
    }
}
