import AuthBridgeCrypto
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
                return try verifyDigest(
                    key: key, algorithm: algorithm, message: message, signature: UnsafeBufferPointer(rebasing: buffer[0..<length]))
            }
        case .eddsa:
            valid = try verifyEd25519(key: key, message: message, signature: signature)
        default:
            valid = try verifyDigest(key: key, algorithm: algorithm, message: message, signature: signature)
        }
        if !valid { OpenSSLErrorStack.drain() }
        return valid
    }

    /// Writes the JOSE signature of `message` (R‖S for ECDSA) into `out`, which holds at least
    /// ``JWTKey/maximumSignatureLength(for:)`` bytes, and returns its length.
    static func sign(
        key: EVPKey,
        algorithm: JWSAlgorithm,
        message: UnsafeRawBufferPointer,
        into out: UnsafeMutableBufferPointer<UInt8>
    ) throws(JWTError) -> Int {
        switch algorithm.family {
        case .eddsa:
            return try key.withContext(.init(algorithm: .edDSA, signing: true)) { context throws(JWTError) in
                try context.signEd25519(message, into: out)
            }
        case .ecdsa:
            guard let curve = algorithm.curve else { throw JWTError(.cryptoFailure, "no curve for \(algorithm)") }
            let length = try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: key.maximumSignatureSize) { der throws(JWTError) in
                let derLength = try key.withContext(.init(algorithm: algorithm, signing: true)) { context throws(JWTError) in
                    try context.sign(message, into: der)
                }
                return ECDSASignature.raw(fromDER: UnsafeBufferPointer(rebasing: der[0..<derLength]), curve: curve, into: out)
            }
            guard let length else { throw JWTError(.cryptoFailure, "libcrypto returned an unexpected ECDSA signature") }
            return length
        default:
            return try key.withContext(.init(algorithm: algorithm, signing: true)) { context throws(JWTError) in
                try context.sign(message, into: out)
            }
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
}
