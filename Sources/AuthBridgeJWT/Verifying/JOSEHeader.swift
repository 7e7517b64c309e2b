/// A verified token's protected header.
public struct JOSEHeader: Sendable, Hashable {
    /// `alg`.
    public let algorithm: JWSAlgorithm
    /// `kid`, when present.
    public let keyID: String?
    /// `typ`, when present.
    public let type: String?
    /// `cty`, when present.
    public let contentType: String?
    /// Every member, in order (including ones AuthBridge ignores, such as `jku` or `x5u`, which are never
    /// used to find or fetch a key).
    public let members: JSONObject
    /// `typ` as ``JWTTypePolicy`` compares it, normalised once: verified headers are reused across tokens.
    let normalizedTypeValue: String?

    /// Names RFC 7515 and 7516 define, which `crit` must not list.
    private static let registeredNames: Set<String> = [
        "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
        "enc", "zip", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c",
    ]

    /// Reads and checks a header (RFC 7515 §4, RFC 7797, RFC 8725).
    init(parsing bytes: [UInt8], limits: JWTLimits) throws(JWTError) {
        let members = try JSONReader.parseObject(bytes, maximumDepth: limits.maximumJSONDepth, what: "the header")
        guard let algValue = members["alg"] else { throw JWTError(.malformed, "the header has no alg", member: "alg") }
        guard let name = algValue.stringValue else { throw JWTError(.malformed, "alg must be a string", member: "alg") }
        guard let algorithm = JWSAlgorithm(name: name) else {
            if name.lowercased() == "none" { throw JWTError(.algorithmNotAllowed, "alg none is never accepted", member: "alg") }
            throw JWTError(.algorithmNotAllowed, "alg \(JWTError.printable(name)) is not supported", member: "alg")
        }
        self.algorithm = algorithm
        self.keyID = try Self.optionalString(members, "kid")
        self.type = try Self.optionalString(members, "typ")
        self.contentType = try Self.optionalString(members, "cty")
        self.members = members
        self.normalizedTypeValue = self.type.map(Self.normalizedType)

        if let crit = members["crit"] {
            guard case .array(let names) = crit, !names.isEmpty else {
                throw JWTError(.malformed, "crit must be a non-empty array", member: "crit")
            }
            for element in names {
                guard let critical = element.stringValue, members[critical] != nil, !Self.registeredNames.contains(critical) else {
                    throw JWTError(.malformed, "crit must name extension members present in the header", member: "crit")
                }
            }
            // AuthBridge implements no JWS extension (not even RFC 7797 b64), so any valid crit is refused.
            throw JWTError(.unsupportedCriticalHeader, "crit names an extension AuthBridge does not implement", member: "crit")
        }
        if members["b64"] != nil {
            throw JWTError(.malformed, "b64 without crit is invalid (RFC 7797), and unencoded payloads are not supported", member: "b64")
        }
        if members["zip"] != nil {
            throw JWTError(.unsupportedHeader, "zip belongs to JWE; a JWS is never inflated", member: "zip")
        }
        if let contentType, Self.normalizedType(contentType) == "jwt" {
            throw JWTError(.unsupportedHeader, "nested JWTs are not supported", member: "cty")
        }
    }

    private static func optionalString(_ members: JSONObject, _ name: String) throws(JWTError) -> String? {
        guard let value = members[name] else { return nil }
        guard let string = value.stringValue else { throw JWTError(.malformed, "\(name) must be a string", member: name) }
        return string
    }

    /// RFC 7515 §4.1.9: media types compare case-insensitively, with `application/` optional.
    static func normalizedType(_ type: String) -> String {
        let lowered = type.lowercased()
        return lowered.hasPrefix("application/") ? String(lowered.dropFirst("application/".count)) : lowered
    }
}
