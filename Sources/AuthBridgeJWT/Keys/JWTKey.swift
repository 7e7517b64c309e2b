/// A key bound to the algorithms it may be used with: the unit AuthBridgeJWT signs and verifies with.
///
/// An HMAC secret and an RSA, EC or Ed25519 key are different materials inside a `JWTKey`, and a key's
/// algorithms are checked against its material when it is made: an RSA or EC public key can never be
/// used as an HMAC secret, whatever a token's header says (algorithm confusion is impossible by
/// construction). A key without a `kid` is selected only where the caller allows it
/// (``JWTKeyCollection/allowsTokensWithoutKeyID``).
///
/// `description` and reflection never show key material.
public struct JWTKey: Sendable, CustomStringConvertible, CustomReflectable {
    enum Material: Sendable {
        case hmac(HMACSecret)
        case rsa(EVPKey)
        case ec(EVPKey, ECCurve)
        case ed25519(EVPKey)
    }

    let material: Material
    /// The algorithms this key signs and verifies with (its per-key allow-list).
    public let algorithms: Set<JWSAlgorithm>
    /// The algorithm the key was registered with: what a ``JWTSigner`` uses by default and what its JWK's
    /// `alg` says. `nil` only for a JWK whose `alg` is not a JWS algorithm (its allow-list is empty).
    public let algorithm: JWSAlgorithm?
    /// The key identifier, if any.
    public let keyID: String?
    /// Whether the key can sign (an HMAC secret or a private key).
    public let isPrivate: Bool
    /// Whether `use` / `key_ops` permit verifying (always, for keys made from PEM, DER or secrets).
    public let permitsVerification: Bool
    /// Whether the key is private and `use` / `key_ops` permit signing.
    public let permitsSigning: Bool

    init(
        material: Material,
        algorithms: Set<JWSAlgorithm>,
        algorithm: JWSAlgorithm? = nil,
        keyID: String?,
        isPrivate: Bool,
        permitsVerification: Bool = true,
        permitsSigning: Bool = true
    ) throws(JWTError) {
        for algorithm in algorithms { try Self.check(algorithm, fits: material) }
        let preferred = algorithm ?? (algorithms.count == 1 ? algorithms.first : nil)
        if let preferred, !algorithms.contains(preferred) { throw JWTError(.algorithmNotAllowed, "\(preferred) is not in the key's allow-list") }
        self.algorithm = preferred
        if let keyID, keyID.utf8.count > JWTLimits.default.maximumKeyIDBytes || keyID.isEmpty {
            throw JWTError(.invalidKey, "a kid must be 1 to \(JWTLimits.default.maximumKeyIDBytes) bytes")
        }
        self.material = material
        self.algorithms = algorithms
        self.keyID = keyID
        self.isPrivate = isPrivate
        self.permitsVerification = permitsVerification
        self.permitsSigning = permitsSigning && isPrivate
    }

    /// An HMAC key (HS256/384/512) from a secret of at least the hash length (32, 48 or 64 bytes).
    ///
    /// - Throws: ``JWTError/Code-swift.struct/algorithmNotAllowed`` for a non-HMAC algorithm,
    ///   ``JWTError/Code-swift.struct/keyTooSmall`` for a short secret,
    ///   ``JWTError/Code-swift.struct/invalidKey`` for an empty one.
    public static func hmac(secret: [UInt8], algorithm: JWSAlgorithm = .hs256, keyID: String? = nil) throws(JWTError) -> JWTKey {
        try JWTKey(material: .hmac(HMACSecret(secret)), algorithms: [algorithm], keyID: keyID, isPrivate: true)
    }

    /// This key with a different allow-list, every algorithm of which must fit the key material (for
    /// example RS256 and PS256 on one RSA key, or HS256 and HS384 on a 48-byte secret).
    public func allowing(_ algorithms: Set<JWSAlgorithm>) throws(JWTError) -> JWTKey {
        try JWTKey(
            material: self.material,
            algorithms: algorithms,
            algorithm: self.algorithm.flatMap { algorithms.contains($0) ? $0 : nil },
            keyID: self.keyID,
            isPrivate: self.isPrivate,
            permitsVerification: self.permitsVerification,
            permitsSigning: self.permitsSigning
        )
    }

    /// This key with another `kid`.
    public func withKeyID(_ keyID: String?) throws(JWTError) -> JWTKey {
        try JWTKey(
            material: self.material,
            algorithms: self.algorithms,
            algorithm: self.algorithm,
            keyID: keyID,
            isPrivate: self.isPrivate,
            permitsVerification: self.permitsVerification,
            permitsSigning: self.permitsSigning
        )
    }

    /// The public half of an asymmetric key (itself when already public).
    ///
    /// - Throws: ``JWTError/Code-swift.struct/keyUseMismatch`` for an HMAC secret, which has no public half.
    public func publicKey() throws(JWTError) -> JWTKey {
        guard self.isPrivate else { return self }
        let material: Material
        switch self.material {
        case .hmac: throw JWTError(.keyUseMismatch, "an HMAC secret has no public key")
        case .rsa(let key): material = .rsa(try key.publicOnly())
        case .ec(let key, let curve): material = .ec(try key.publicOnly(), curve)
        case .ed25519(let key): material = .ed25519(try key.publicOnly())
        }
        return try JWTKey(
            material: material,
            algorithms: self.algorithms,
            algorithm: self.algorithm,
            keyID: self.keyID,
            isPrivate: false,
            permitsVerification: self.permitsVerification
        )
    }

    /// A kind and size, never material: `JWTKey(RS256, kid: "k1", RSA 2048-bit public)`.
    public var description: String {
        let algorithms = self.algorithms.map(\.name).sorted().joined(separator: ",")
        let kid = self.keyID.map { ", kid: \"\(JWTError.printable($0))\"" } ?? ""
        return "JWTKey(\(algorithms)\(kid), \(self.kindDescription))"
    }

    /// An empty mirror: `dump` and debuggers show no material.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    var kindDescription: String {
        switch self.material {
        case .hmac(let secret): "HMAC secret of \(secret.count) bytes"
        case .rsa(let key): "RSA \(key.bits)-bit \(self.isPrivate ? "private" : "public")"
        case .ec(_, let curve): "EC \(curve.jwkName) \(self.isPrivate ? "private" : "public")"
        case .ed25519: "Ed25519 \(self.isPrivate ? "private" : "public")"
        }
    }

    static func check(_ algorithm: JWSAlgorithm, fits material: Material) throws(JWTError) {
        switch (algorithm.family, material) {
        case (.hmac, .hmac(let secret)):
            guard secret.count >= algorithm.hashLength else {
                throw JWTError(.keyTooSmall, "\(algorithm) needs a secret of at least \(algorithm.hashLength) bytes, got \(secret.count)")
            }
        case (.rsaPKCS1, .rsa), (.rsaPSS, .rsa), (.eddsa, .ed25519):
            break
        case (.ecdsa, .ec(_, let curve)):
            guard algorithm.curve == curve else {
                throw JWTError(.invalidKey, "\(algorithm) needs a \(algorithm.curve?.jwkName ?? "") key, not \(curve.jwkName)")
            }
        default:
            throw JWTError(.invalidKey, "\(algorithm) cannot be used with this key type")
        }
    }
}
