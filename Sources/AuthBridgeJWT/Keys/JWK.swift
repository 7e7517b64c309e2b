import AuthBridgeCrypto

/// A JSON Web Key (RFC 7517) as members, read with the strict JSON reader.
///
/// A `JWK` is data; ``JWTKey/init(jwk:defaultAlgorithm:limits:)`` turns it into a usable, validated key.
/// `description` names the key type and id only: private members (`d`, `k`, …) are never printed.
public struct JWK: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    /// Every member, in document order.
    public let members: JSONObject

    /// A JWK from its members.
    ///
    /// - Throws: ``JWTError/Code-swift.struct/invalidKey`` when `kty` is missing or not a string.
    public init(members: JSONObject) throws(JWTError) {
        guard members["kty"]?.stringValue != nil else { throw JWTError(.invalidKey, "a JWK needs a string kty") }
        self.members = members
    }

    /// A JWK from its JSON text.
    public init(json: String, limits: JWTLimits = .default) throws(JWTError) {
        guard json.utf8.count <= limits.maximumKeySetBytes else {
            throw JWTError(.tokenTooLarge, "the JWK exceeds \(limits.maximumKeySetBytes) bytes")
        }
        guard case .object(let object) = try JSONValue(parsing: json, maximumDepth: limits.maximumJSONDepth) else {
            throw JWTError(.malformed, "a JWK must be a JSON object")
        }
        try self.init(members: object)
    }

    /// `kty`.
    public var keyType: String { self.members["kty"]?.stringValue ?? "" }
    /// `kid`, when present and a string.
    public var keyID: String? { self.members["kid"]?.stringValue }
    /// `alg`, when present and a string.
    public var algorithm: String? { self.members["alg"]?.stringValue }
    /// `use`, when present and a string.
    public var use: String? { self.members["use"]?.stringValue }

    /// The compact JSON text, including any private members: treat it as a secret when it has them.
    public var serialized: String { JSONValue.object(self.members).serialized }

    /// The RFC 7638 thumbprint: SHA-256 over the required members of the `kty` in lexicographic order,
    /// without whitespace, base64url. Computed from the members alone, so it works for any key a JWK
    /// describes, including ones ``JWTKey`` would refuse to use.
    ///
    /// - Throws: ``JWTError/Code-swift.struct/unsupportedKeyType`` for an unknown `kty`,
    ///   ``JWTError/Code-swift.struct/invalidKey`` when a required member is missing or not a string.
    public func thumbprint() throws(JWTError) -> String {
        let required: [String]
        switch self.keyType {
        case "RSA": required = ["e", "kty", "n"]
        case "EC": required = ["crv", "kty", "x", "y"]
        case "oct": required = ["k", "kty"]
        case "OKP": required = ["crv", "kty", "x"]
        default: throw JWTError(.unsupportedKeyType, "no thumbprint rule for kty \(JWTError.printable(self.keyType))")
        }
        var canonical = JSONObject()
        for name in required {
            guard let value = self.members[name]?.stringValue else { throw JWTError(.invalidKey, "the JWK lacks \(name)", member: name) }
            canonical[name] = .string(value)
        }
        do { return Base64URL.encode(try Digest.sha256Hash(JSONValue.object(canonical).serializedBytes)) } catch { throw JWTError(error) }
    }

    /// `JWK(kty: RSA, kid: "k1")`.
    public var description: String {
        let kid = self.keyID.map { ", kid: \"\(JWTError.printable($0))\"" } ?? ""
        return "JWK(kty: \(JWTError.printable(self.keyType))\(kid))"
    }

    /// An empty mirror: `dump` shows no members.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
