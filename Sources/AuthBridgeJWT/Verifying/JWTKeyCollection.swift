/// The keys a verifier trusts, selected by exact `kid`.
///
/// There is no "try every key" fallback. A token without a `kid` is accepted only when the collection
/// holds exactly one key and ``allowsTokensWithoutKeyID`` is set. Two keys with one `kid` are refused as
/// ambiguous.
public struct JWTKeyCollection: Sendable {
    private var keysByID: [String: JWTKey] = [:]
    private var keyWithoutID: JWTKey? = nil
    /// Accept tokens without a `kid` when the collection holds exactly one key. Off by default.
    public var allowsTokensWithoutKeyID: Bool = false

    /// An empty collection.
    public init() {}

    /// A collection of `keys`.
    public init(keys: [JWTKey], allowsTokensWithoutKeyID: Bool = false) throws(JWTError) {
        for key in keys { try self.add(key) }
        self.allowsTokensWithoutKeyID = allowsTokensWithoutKeyID
    }

    /// The verification keys of a JWK Set. Every key must import cleanly; keys of an unknown `kty` were
    /// already skipped by ``JWKSet``.
    ///
    /// A set that mixes HMAC secrets with public keys is refused unless `allowsMixedKeyKinds` is set:
    /// a published key set has no business holding a secret, and a secret set no public keys
    /// (Wycheproof's *MixedKeySet*).
    public init(jwks: JWKSet, limits: JWTLimits = .default, allowsMixedKeyKinds: Bool = false) throws(JWTError) {
        var symmetric = false
        var asymmetric = false
        for jwk in jwks.keys {
            var key = try JWTKey(jwk: jwk, limits: limits)
            if key.isSymmetric { symmetric = true } else { asymmetric = true; key = try key.publicKey() }
            try self.add(key)
        }
        if symmetric && asymmetric && !allowsMixedKeyKinds {
            throw JWTError(.invalidKey, "the key set mixes HMAC secrets with public keys")
        }
    }

    /// Adds a key; it needs a `kid` unless it is the only key.
    public mutating func add(_ key: JWTKey) throws(JWTError) {
        if let keyID = key.keyID {
            guard self.keysByID[keyID] == nil else {
                throw JWTError(.invalidKey, "two keys share one kid", keyID: keyID)
            }
            guard self.keyWithoutID == nil else { throw JWTError(.invalidKey, "a key without a kid must be the only key") }
            self.keysByID[keyID] = key
        } else {
            guard self.keysByID.isEmpty, self.keyWithoutID == nil else {
                throw JWTError(.invalidKey, "a key without a kid must be the only key")
            }
            self.keyWithoutID = key
        }
    }

    /// The `kid`s of the keys, sorted (for diagnostics: "the token's kid is not one of these").
    public var keyIDs: [String] { self.keysByID.keys.sorted() }

    /// The number of keys.
    public var count: Int { self.keysByID.count + (self.keyWithoutID == nil ? 0 : 1) }

    func key(for keyID: String?) throws(JWTError) -> JWTKey {
        guard let keyID else {
            if self.allowsTokensWithoutKeyID && self.count == 1, let key = self.keyWithoutID ?? self.keysByID.values.first {
                return key
            }
            throw JWTError(.keyNotFound, "the token has no kid and this verifier requires one")
        }
        guard let key = self.keysByID[keyID] else {
            throw JWTError(.keyNotFound, "no key has the token's kid", keyID: keyID)
        }
        return key
    }
}
