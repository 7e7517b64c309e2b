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
            guard let curve = algorithm.curve else { return false }
            valid = try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ECDSASignature.maximumDERLength) { buffer throws(JWTError) in
                guard let length = ECDSASignature.der(fromRaw: signature, curve: curve, into: buffer) else { return false }
                return try verifyDigest(key: key, algorithm: algorithm, message: message, signature: UnsafeBufferPointer(rebasing: buffer[0..<length]))
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
            guard let curve = algorithm.curve else { throw JWTError(.cryptoFailure, "no curve for \(algorithm)") }
            let size = key.maximumSignatureSize
            let raw = try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: size) { buffer throws(JWTError) in
                let length = try key.withContext(.init(algorithm: algorithm, signing: true)) { context throws(JWTError) in
                    try context.sign(message, into: buffer)
                }
                return ECDSASignature.raw(fromDER: UnsafeBufferPointer(rebasing: buffer[0..<length]), curve: curve)
            }
            guard let raw else { throw JWTError(.cryptoFailure, "libcrypto returned an unexpected ECDSA signature") }
            return raw
        default:
            let size = key.maximumSignatureSize
            var failure: JWTError? = nil
            let signature = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
                do throws(JWTError) {
                    initialized = try key.withContext(.init(algorithm: algorithm, signing: true)) { context throws(JWTError) in
                        try context.sign(message, into: buffer)
                    }
                } catch {
                    failure = error
                    initialized = 0
                }
            }
            if let failure { throw failure }
            return signature
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
