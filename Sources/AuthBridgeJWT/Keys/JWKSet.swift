/// A JWK Set (RFC 7517 §5): `{"keys": [...]}`.
///
/// Members with a `kty` AuthBridge does not know are skipped (RFC 7517 §5 says to ignore them) and their
/// `kid`s listed in ``ignoredKeyIDs``. Turning the keys into usable keys happens in
/// ``JWTKeyCollection/init(jwks:limits:allowsMixedKeyKinds:)``.
public struct JWKSet: Sendable, Hashable, CustomStringConvertible {
    /// The keys with a known `kty`, in order.
    public let keys: [JWK]
    /// The `kid`s (or `""`) of skipped keys with an unknown `kty`.
    public let ignoredKeyIDs: [String]

    static let knownKeyTypes: Set<String> = ["oct", "RSA", "EC", "OKP"]

    /// A set of keys.
    public init(keys: [JWK]) {
        self.keys = keys
        self.ignoredKeyIDs = []
    }

    /// Parses a JWK Set document.
    ///
    /// - Throws: ``JWTError/Code-swift.struct/tokenTooLarge`` over the size or count limits,
    ///   ``JWTError/Code-swift.struct/malformed`` when it is not `{"keys": [objects]}`.
    public init(json: String, limits: JWTLimits = .default) throws(JWTError) {
        guard json.utf8.count <= limits.maximumKeySetBytes else {
            throw JWTError(.tokenTooLarge, "the JWK Set exceeds \(limits.maximumKeySetBytes) bytes")
        }
        guard case .object(let object) = try JSONValue(parsing: json, maximumDepth: limits.maximumJSONDepth) else {
            throw JWTError(.malformed, "a JWK Set must be a JSON object")
        }
        guard case .array(let elements) = object["keys"] else {
            throw JWTError(.malformed, "a JWK Set needs a \"keys\" array", member: "keys")
        }
        guard elements.count <= limits.maximumKeysInSet else {
            throw JWTError(.tokenTooLarge, "the JWK Set has more than \(limits.maximumKeysInSet) keys")
        }
        var keys: [JWK] = []
        var ignored: [String] = []
        for element in elements {
            guard case .object(let members) = element, let kty = members["kty"]?.stringValue else {
                throw JWTError(.malformed, "every member of \"keys\" must be an object with a string kty")
            }
            if Self.knownKeyTypes.contains(kty) {
                keys.append(try JWK(members: members))
            } else {
                ignored.append(members["kid"]?.stringValue ?? "")
            }
        }
        self.keys = keys
        self.ignoredKeyIDs = ignored
    }

    /// The compact JSON text of the set.
    public var serialized: String {
        JSONValue.object(["keys": .array(self.keys.map { .object($0.members) })]).serialized
    }

    /// `JWKSet(3 keys)`.
    public var description: String { "JWKSet(\(self.keys.count) keys)" }
}
