import AuthBridgeCrypto
internal import CAuthBridgeOpenSSL

extension JWTKey {
    /// A key from PEM: a public key (`BEGIN PUBLIC KEY`, SPKI) or a private key (`BEGIN PRIVATE KEY`,
    /// PKCS#8, or the traditional `BEGIN RSA PRIVATE KEY` / `BEGIN EC PRIVATE KEY`).
    ///
    /// Encrypted private keys are refused rather than prompting for a passphrase.
    public init(pem: String, algorithm: JWSAlgorithm, keyID: String? = nil, limits: JWTLimits = .default) throws(JWTError) {
        guard pem.utf8.count <= limits.maximumKeySetBytes else {
            throw JWTError(.tokenTooLarge, "the PEM exceeds \(limits.maximumKeySetBytes) bytes")
        }
        let bytes = Array(pem.utf8)
        let key: EVPKey
        let isPrivate: Bool
        if pem.contains("PRIVATE KEY-----") {
            key = try Self.readPEM(bytes, privateKey: true)
            isPrivate = true
        } else {
            key = try Self.readPEM(bytes, privateKey: false)
            isPrivate = false
        }
        try self.init(evpKey: key, isPrivate: isPrivate, algorithm: algorithm, keyID: keyID, limits: limits)
    }

    /// A key from DER: SPKI for a public key, PKCS#8 or a traditional RSA/EC structure for a private key.
    public init(der: [UInt8], algorithm: JWSAlgorithm, keyID: String? = nil, limits: JWTLimits = .default) throws(JWTError) {
        guard der.count <= limits.maximumKeySetBytes else { throw JWTError(.tokenTooLarge, "the DER exceeds \(limits.maximumKeySetBytes) bytes") }
        let (key, isPrivate) = try der.withUnsafeBufferPointer { buffer throws(JWTError) -> (EVPKey, Bool) in
            var cursor = buffer.baseAddress
            if let pointer = d2i_PUBKEY(nil, &cursor, buffer.count) { return (EVPKey(taking: pointer), false) }
            OpenSSLErrorStack.drain()
            cursor = buffer.baseAddress
            if let pointer = d2i_AutoPrivateKey(nil, &cursor, buffer.count) { return (EVPKey(taking: pointer), true) }
            throw OpenSSLErrorStack.error(.invalidKey, "the DER is neither an SPKI public key nor a private key")
        }
        try self.init(evpKey: key, isPrivate: isPrivate, algorithm: algorithm, keyID: keyID, limits: limits)
    }

    /// The public key as PEM (`BEGIN PUBLIC KEY`, SPKI).
    ///
    /// - Throws: ``JWTError/Code-swift.struct/keyUseMismatch`` for an HMAC secret.
    public func publicKeyPEM() throws(JWTError) -> String {
        let key: EVPKey
        switch self.material {
        case .hmac: throw JWTError(.keyUseMismatch, "an HMAC secret has no public key")
        case .rsa(let k), .ec(let k, _), .ed25519(let k): key = k
        }
        return try Self.writePEM { bio in PEM_write_bio_PUBKEY(bio, key.pointer) }
    }

    /// The private key as unencrypted PKCS#8 PEM (`BEGIN PRIVATE KEY`), to store a generated key.
    /// The result is a secret.
    ///
    /// - Throws: ``JWTError/Code-swift.struct/keyUseMismatch`` for a public key or an HMAC secret.
    public func privateKeyPEM() throws(JWTError) -> String {
        let key: EVPKey
        switch self.material {
        case .hmac: throw JWTError(.keyUseMismatch, "an HMAC secret has no PEM form")
        case .rsa(let k), .ec(let k, _), .ed25519(let k): key = k
        }
        guard self.isPrivate else { throw JWTError(.keyUseMismatch, "a public key has no private PEM") }
        return try Self.writePEM { bio in PEM_write_bio_PrivateKey(bio, key.pointer, nil, nil, 0, nil, nil) }
    }

    private static func writePEM(_ write: (OpaquePointer) -> Int32) throws(JWTError) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { throw OpenSSLErrorStack.error(.cryptoFailure, "cannot allocate a BIO") }
        defer { BIO_free(bio) }
        guard write(bio) == 1 else { throw OpenSSLErrorStack.error(.invalidKey, "cannot write the PEM") }
        var data: UnsafeMutablePointer<CChar>? = nil
        let length = BIO_ctrl(bio, BIO_CTRL_INFO, 0, &data)
        guard length > 0, let data else { throw JWTError(.cryptoFailure, "empty PEM output") }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: Int(length)), as: UTF8.self)
    }

    private static func readPEM(_ bytes: [UInt8], privateKey: Bool) throws(JWTError) -> EVPKey {
        let pointer: OpaquePointer? = bytes.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            if privateKey {
                // A callback that supplies no passphrase: encrypted keys fail instead of prompting on a tty.
                return PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in 0 }, nil)
            }
            return PEM_read_bio_PUBKEY(bio, nil, nil, nil)
        }
        guard let pointer else { throw OpenSSLErrorStack.error(.invalidKey, "the PEM holds no readable \(privateKey ? "private" : "public") key") }
        OpenSSLErrorStack.drain()
        return EVPKey(taking: pointer)
    }

    /// Wraps a libcrypto key, applying the same checks as JWK import.
    init(evpKey key: EVPKey, isPrivate: Bool, algorithm: JWSAlgorithm, keyID: String?, limits: JWTLimits) throws(JWTError) {
        let material: Material
        if key.isA("RSA") {
            guard let n = key.bigNumber(cab_param_rsa_n()), let e = key.bigNumber(cab_param_rsa_e()) else {
                throw JWTError(.invalidKey, "cannot read the RSA key")
            }
            try RSAKeyCheck.check(modulus: n, exponent: e, limits: limits)
            material = .rsa(key)
        } else if key.isA("EC") {
            guard let curve = ECCurve(key: key) else { throw JWTError(.unsupportedKeyType, "only P-256, P-384 and P-521 EC keys are supported") }
            guard key.checkPublic() else { throw JWTError(.invalidKey, "the EC point is not on \(curve.jwkName)") }
            material = .ec(key, curve)
        } else if key.isA("ED25519") {
            material = .ed25519(key)
        } else {
            throw JWTError(.unsupportedKeyType, "only RSA, EC and Ed25519 keys are supported")
        }
        if isPrivate, !key.checkPair() { throw JWTError(.invalidKey, "the private key fails libcrypto's consistency check") }
        try self.init(material: material, algorithms: [algorithm], keyID: keyID, isPrivate: isPrivate)
    }
}
