internal import CAuthBridgeOpenSSL

/// RSA (PKCS#1 v1.5 and PSS), ECDSA and Ed25519 signatures through libcrypto.
///
/// RSA and ECDSA hash the message, then sign or verify the digest with a pooled, pre-initialised
/// context (``PKeyOperationContext``). Ed25519 hashes internally: its pooled context is a one-shot
/// digest-sign or digest-verify context.
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
        try key.withContext(.init(algorithm: .edDSA, signing: false)) { context throws(JWTError) in
            try context.verifyEd25519(signature, message: message)
        }
    }

    private static func signEd25519(key: EVPKey, message: UnsafeRawBufferPointer) throws(JWTError) -> [UInt8] {
        try key.withContext(.init(algorithm: .edDSA, signing: true)) { context throws(JWTError) in try context.signEd25519(message) }
    }
}
