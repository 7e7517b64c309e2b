internal import CAuthBridgeOpenSSL

extension JWTKey {
    /// Verifies `signature` over `message` with `algorithm`, which the caller has checked against the
    /// key's allow-list. The material decides the primitive; a mismatch is refused, never converted.
    func verify(
        _ signature: UnsafeBufferPointer<UInt8>,
        over message: UnsafeRawBufferPointer,
        algorithm: JWSAlgorithm
    ) throws(JWTError) -> Bool {
        switch (algorithm.family, self.material) {
        case (.hmac, .hmac(let secret)):
            guard let hash = algorithm.hash else { return false }
            let context = try secret.context(for: hash)
            // JWS never truncates a MAC: the length is public, so compare it first, then the bytes in
            // constant time.
            guard signature.count == context.outputLength else { return false }
            return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer throws(JWTError) in
                try context.authenticate(message, into: buffer)
                return CRYPTO_memcmp(buffer.baseAddress, signature.baseAddress, signature.count) == 0
            }
        case (.rsaPKCS1, .rsa(let key)), (.rsaPSS, .rsa(let key)), (.ecdsa, .ec(let key, _)), (.eddsa, .ed25519(let key)):
            return try AsymmetricSignature.verify(key: key, algorithm: algorithm, message: message, signature: signature)
        default:
            throw JWTError(.algorithmNotAllowed, "\(algorithm) does not fit this key")
        }
    }

    /// The longest JWS signature this key makes with `algorithm`, in bytes.
    func maximumSignatureLength(for algorithm: JWSAlgorithm) -> Int {
        switch self.material {
        case .hmac: algorithm.hashLength
        case .rsa(let key): key.maximumSignatureSize
        case .ec(_, let curve): 2 * curve.coordinateLength
        case .ed25519: 64
        }
    }

    /// Writes the JWS signature of `message` into `out`, which holds at least
    /// ``maximumSignatureLength(for:)`` bytes, and returns its length.
    func sign(_ message: UnsafeRawBufferPointer, algorithm: JWSAlgorithm, into out: UnsafeMutableBufferPointer<UInt8>) throws(JWTError) -> Int {
        guard self.isPrivate, self.permitsSigning else { throw JWTError(.keyUseMismatch, "this key may not sign") }
        guard self.algorithms.contains(algorithm) else { throw JWTError(.algorithmNotAllowed, "the key is not registered for \(algorithm)") }
        switch (algorithm.family, self.material) {
        case (.hmac, .hmac(let secret)):
            guard let hash = algorithm.hash else { throw JWTError(.algorithmNotAllowed, "no hash for \(algorithm)") }
            let context = try secret.context(for: hash)
            try context.authenticate(message, into: out)
            return context.outputLength
        case (.rsaPKCS1, .rsa(let key)), (.rsaPSS, .rsa(let key)), (.ecdsa, .ec(let key, _)), (.eddsa, .ed25519(let key)):
            return try AsymmetricSignature.sign(key: key, algorithm: algorithm, message: message, into: out)
        default:
            throw JWTError(.algorithmNotAllowed, "\(algorithm) does not fit this key")
        }
    }

    var isSymmetric: Bool {
        if case .hmac = self.material { return true }
        return false
    }
}
