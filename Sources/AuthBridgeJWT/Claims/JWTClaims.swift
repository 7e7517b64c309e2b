/// A verified token's claims: the registered ones typed, every one available by name.
public struct JWTClaims: Sendable, Hashable {
    /// `iss`.
    public let issuer: String?
    /// `sub`.
    public let subject: String?
    /// `aud`, a string read as a one-element array.
    public let audience: [String]?
    /// `exp`, seconds since the epoch.
    public let expiresAt: Double?
    /// `nbf`, seconds since the epoch.
    public let notBefore: Double?
    /// `iat`, seconds since the epoch.
    public let issuedAt: Double?
    /// `jti`.
    public let jwtID: String?
    /// Every claim, in order.
    public let members: JSONObject

    /// The claim called `name`.
    public subscript(name: String) -> JSONValue? { self.members[name] }

    /// The latest NumericDate AuthBridge accepts: 9999-12-31T23:59:59Z.
    static let maximumNumericDate: Double = 253_402_300_799

    /// Reads the registered claims, refusing wrong JSON types and out-of-range dates.
    init(members: JSONObject) throws(JWTError) {
        self.members = members
        self.issuer = try Self.string(members, "iss")
        self.subject = try Self.string(members, "sub")
        self.jwtID = try Self.string(members, "jti")
        self.expiresAt = try Self.numericDate(members, "exp")
        self.notBefore = try Self.numericDate(members, "nbf")
        self.issuedAt = try Self.numericDate(members, "iat")
        switch members["aud"] {
        case .none:
            self.audience = nil
        case .string(let value)?:
            self.audience = [value]
        case .array(let values)?:
            var audience: [String] = []
            for value in values {
                guard let string = value.stringValue else { throw JWTError(.invalidClaim, "aud must hold strings", member: "aud") }
                audience.append(string)
            }
            self.audience = audience
        default:
            throw JWTError(.invalidClaim, "aud must be a string or an array of strings", member: "aud")
        }
    }

    private static func string(_ members: JSONObject, _ name: String) throws(JWTError) -> String? {
        guard let value = members[name] else { return nil }
        guard let string = value.stringValue else { throw JWTError(.invalidClaim, "\(name) must be a string", member: name) }
        return string
    }

    /// A JSON number in 0…9999-12-31; strings, Booleans, negatives and 1e300 are refused, never trapped on.
    private static func numericDate(_ members: JSONObject, _ name: String) throws(JWTError) -> Double? {
        guard let value = members[name] else { return nil }
        guard let number = value.numberValue else { throw JWTError(.invalidClaim, "\(name) must be a NumericDate (a JSON number)", member: name) }
        guard number.isFinite, number >= 0, number <= maximumNumericDate else {
            throw JWTError(.invalidClaim, "\(name) is outside 0…253402300799", member: name)
        }
        return number
    }
}
