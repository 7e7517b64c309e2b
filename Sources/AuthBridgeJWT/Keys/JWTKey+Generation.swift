import AuthBridgeCrypto
internal import CAuthBridgeOpenSSL

extension JWTKey {
    /// A new random key for `algorithm`: a secret of the hash length for HS*, an RSA key of `rsaBits`
    /// (2048 at least) for RS*/PS*, a key on the algorithm's curve for ES*, an Ed25519 key for EdDSA.
    public static func generate(for algorithm: JWSAlgorithm, keyID: String? = nil, rsaBits: Int = 2048) throws(JWTError) -> JWTKey {
        switch algorithm.family {
        case .hmac:
            var secret = [UInt8](repeating: 0, count: algorithm.hashLength)
            guard RAND_bytes(&secret, Int32(secret.count)) == 1 else { throw OpenSSLErrorStack.error(.cryptoFailure, "the random generator failed") }
            defer { OPENSSL_cleanse(&secret, secret.count) }
            return try .hmac(secret: secret, algorithm: algorithm, keyID: keyID)
        case .rsaPKCS1, .rsaPSS:
            guard rsaBits >= 2048, rsaBits <= JWTLimits.default.maximumRSABits else {
                throw JWTError(.keyTooSmall, "RSA keys are generated with 2048 to \(JWTLimits.default.maximumRSABits) bits")
            }
            let key = try Self.generateKey("RSA") { ctx in EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, Int32(rsaBits)) == 1 }
            return try JWTKey(material: .rsa(key), algorithms: [algorithm], keyID: keyID, isPrivate: true)
        case .ecdsa:
            guard let curve = algorithm.curve else { throw JWTError(.cryptoFailure, "no curve for \(algorithm)") }
            let key = try Self.generateKey("EC") { ctx in EVP_PKEY_CTX_set_group_name(ctx, curve.groupName) == 1 }
            return try JWTKey(material: .ec(key, curve), algorithms: [algorithm], keyID: keyID, isPrivate: true)
        case .eddsa:
            let key = try Self.generateKey("ED25519") { _ in true }
            return try JWTKey(material: .ed25519(key), algorithms: [algorithm], keyID: keyID, isPrivate: true)
        }
    }

    private static func generateKey(_ name: String, configure: (OpaquePointer) -> Bool) throws(JWTError) -> EVPKey {
        guard let ctx = EVP_PKEY_CTX_new_from_name(nil, name, nil) else { throw OpenSSLErrorStack.error(.cryptoFailure, "\(name) is unavailable") }
        defer { EVP_PKEY_CTX_free(ctx) }
        var key: OpaquePointer? = nil
        guard EVP_PKEY_keygen_init(ctx) == 1, configure(ctx), EVP_PKEY_generate(ctx, &key) == 1, let key else {
            throw OpenSSLErrorStack.error(.cryptoFailure, "\(name) key generation failed")
        }
        return EVPKey(taking: key)
    }
}
