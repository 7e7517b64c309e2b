/// A verified token's claims: the registered ones typed, every one available by name.
///
/// The payload was validated in full (strict JSON, no duplicate names, bounded depth); values other than
/// the registered claims are read when asked for, so verifying does not pay for claims nobody reads.
/// Two `JWTClaims` are equal when their payload bytes are.
public struct JWTClaims: Sendable, Hashable {
    /// `iss`.
    public var issuer: String? { self.string(at: self.issuerValue) }
    /// `sub`.
    public var subject: String? { self.string(at: self.subjectValue) }
    /// `aud`, a string read as a one-element array.
    public var audience: [String]? {
        guard let range = self.audienceValue else { return nil }
        switch self.value(at: range) {
        case .string(let value)?: return [value]
        case .array(let values)?: return values.compactMap(\.stringValue)
        default: return nil
        }
    }
    /// `exp`, seconds since the epoch.
    public let expiresAt: Double?
    /// `nbf`, seconds since the epoch.
    public let notBefore: Double?
    /// `iat`, seconds since the epoch.
    public let issuedAt: Double?
    /// `jti`.
    public var jwtID: String? { self.string(at: self.jwtIDValue) }

    // The string-valued registered claims are type-checked when the claims are read, and built only when
    // asked for: the issuer and audience checks compare bytes, without a String or an array per token.
    private let issuerValue: Range<Int>?
    private let subjectValue: Range<Int>?
    private let jwtIDValue: Range<Int>?
    private let audienceValue: Range<Int>?
    private let payload: [UInt8]
    private let locations: [JSONMemberLocation]
    private let maximumDepth: Int

    /// The names of all claims, in order.
    public var names: [String] {
        self.payload.withUnsafeBufferPointer { bytes in self.locations.map { $0.name(in: bytes) } }
    }

    /// Whether the claim called `name` is present.
    public func contains(_ name: String) -> Bool { self.location(of: name) != nil }

    /// The claim called `name`.
    public subscript(name: String) -> JSONValue? {
        guard let location = self.location(of: name) else { return nil }
        return self.value(at: location)
    }

    /// Every claim, in order.
    public var members: JSONObject {
        let names = self.names
        return JSONObject(uniqueMembers: zip(names, self.locations).map { ($0, self.value(at: $1) ?? .null) })
    }

    /// The claims whose names are not in `excluded`, in order; excluded values are never decoded (a
    /// validator that has read the claims it knows keeps the rest as context).
    package func members(excluding excluded: Set<String>) -> [(name: String, value: JSONValue)] {
        self.payload.withUnsafeBufferPointer { bytes in
            var kept: [(name: String, value: JSONValue)] = []
            for location in self.locations {
                let name = location.name(in: bytes)
                if !excluded.contains(name) { kept.append((name, self.value(at: location) ?? .null)) }
            }
            return kept
        }
    }

    /// The latest NumericDate AuthBridge accepts: 9999-12-31T23:59:59Z.
    static let maximumNumericDate: Double = 253_402_300_799

    /// Validates the payload and reads the registered claims, refusing wrong JSON types and
    /// out-of-range dates.
    init(payload: [UInt8], maximumDepth: Int) throws(JWTError) {
        let locations = try JWTError.rethrowing {
            try payload.withUnsafeBufferPointer { buffer in try JSONReader.index(buffer, maximumDepth: maximumDepth, what: "the payload") }
        }
        var issuer: Range<Int>?, subject: Range<Int>?, jwtID: Range<Int>?, audience: Range<Int>?
        var expiresAt: Double?, notBefore: Double?, issuedAt: Double?
        for location in locations {
            guard let key = payload.withUnsafeBufferPointer({ Self.registeredKey(location, in: $0) }) else { continue }
            let value = { Self.value(at: location.value, in: payload, maximumDepth: maximumDepth) }
            let isString = payload[location.value.lowerBound] == UInt8(ascii: "\"")
            switch key {
            case Self.iss: issuer = try Self.requireString(isString, location.value, "iss")
            case Self.sub: subject = try Self.requireString(isString, location.value, "sub")
            case Self.jti: jwtID = try Self.requireString(isString, location.value, "jti")
            case Self.exp: expiresAt = try Self.numericDate(value(), "exp")
            case Self.nbf: notBefore = try Self.numericDate(value(), "nbf")
            case Self.iat: issuedAt = try Self.numericDate(value(), "iat")
            case Self.aud:
                if !isString { try Self.checkAudienceArray(value()) }
                audience = location.value
            default: break
            }
        }
        self.payload = payload
        self.locations = locations
        self.maximumDepth = maximumDepth
        self.issuerValue = issuer
        self.subjectValue = subject
        self.jwtIDValue = jwtID
        self.audienceValue = audience
        self.expiresAt = expiresAt
        self.notBefore = notBefore
        self.issuedAt = issuedAt
    }

    /// Equal payload bytes.
    public static func == (lhs: JWTClaims, rhs: JWTClaims) -> Bool { lhs.payload == rhs.payload }

    /// Hashes the payload bytes.
    public func hash(into hasher: inout Hasher) { hasher.combine(self.payload) }

    private func location(of name: String) -> JSONMemberLocation? {
        var wanted = name
        return wanted.withUTF8 { utf8 in
            let isASCII = !utf8.contains { $0 >= 0x80 }
            return self.payload.withUnsafeBufferPointer { bytes in
                self.locations.first { $0.hasName(name, utf8: utf8, isASCII: isASCII, in: bytes) }
            }
        }
    }

    // The registered three-letter names, packed into the low bytes of a UInt32 so the index's plain
    // names are matched without building strings.
    private static let iss = packed("iss"), sub = packed("sub"), jti = packed("jti"), aud = packed("aud")
    private static let exp = packed("exp"), nbf = packed("nbf"), iat = packed("iat")

    private static func packed(_ name: StaticString) -> UInt32 {
        let bytes = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        return packed(bytes)
    }

    private static func packed(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16
    }

    /// The packed name of a member whose name is three UTF-8 bytes long (decoded first when written
    /// with escapes), else nil.
    private static func registeredKey(_ location: JSONMemberLocation, in bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        if location.isPlainASCII {
            guard location.rawName.count == 3 else { return nil }
            return packed(UnsafeBufferPointer(rebasing: bytes[location.rawName]))
        }
        var name = location.name(in: bytes)
        guard name.utf8.count == 3 else { return nil }
        return name.withUTF8 { packed($0) }
    }

    private func value(at location: JSONMemberLocation) -> JSONValue? { self.value(at: location.value) }

    private func value(at range: Range<Int>) -> JSONValue? {
        Self.value(at: range, in: self.payload, maximumDepth: self.maximumDepth)
    }

    /// Reads a value the index already validated, so this does not fail.
    private static func value(at range: Range<Int>, in payload: [UInt8], maximumDepth: Int) -> JSONValue? {
        payload.withUnsafeBufferPointer { buffer in
            try? JSONReader.parse(UnsafeBufferPointer(rebasing: buffer[range]), maximumDepth: maximumDepth)
        }
    }

    private func string(at range: Range<Int>?) -> String? {
        guard let range else { return nil }
        return self.value(at: range)?.stringValue
    }

    /// Whether `iss` is present.
    var hasIssuer: Bool { self.issuerValue != nil }

    /// Whether `iss` equals `expected` (as `String`s compare).
    func issuerIs(_ expected: String) -> Bool {
        guard let range = self.issuerValue else { return false }
        return self.stringValue(at: range, equals: expected)
    }

    /// Whether `aud` is `expected` or an array holding it (as `String`s compare).
    func audienceContains(_ expected: String) -> Bool {
        guard let range = self.audienceValue else { return false }
        if self.payload[range.lowerBound] == UInt8(ascii: "\"") { return self.stringValue(at: range, equals: expected) }
        return self.audience?.contains(expected) ?? false
    }

    /// Compares a validated JSON string with `expected` as `String`s do. When `expected` is ASCII without
    /// a backslash, equal bytes mean equal strings, and unequal bytes without escapes or non-ASCII mean
    /// unequal ones (for ASCII, `String` equality is byte equality); anything else is decoded.
    private func stringValue(at range: Range<Int>, equals expected: String) -> Bool {
        var expected = expected
        let decided = self.payload.withUnsafeBufferPointer { bytes in
            expected.withUTF8 { wanted -> Bool? in
                for byte in wanted where byte >= 0x80 || byte == UInt8(ascii: "\\") { return nil }
                let content = UnsafeBufferPointer(rebasing: bytes[(range.lowerBound + 1)..<(range.upperBound - 1)])
                if JSONMemberLocation.equal(content, wanted) { return true }
                for byte in content where byte >= 0x80 || byte == UInt8(ascii: "\\") { return nil }
                return false
            }
        }
        if let decided { return decided }
        return self.string(at: range) == expected
    }

    private static func requireString(_ isString: Bool, _ range: Range<Int>, _ name: String) throws(JWTError) -> Range<Int> {
        guard isString else { throw JWTError(.invalidClaim, "\(name) must be a string", member: name) }
        return range
    }

    private static func checkAudienceArray(_ value: JSONValue?) throws(JWTError) {
        guard case .array(let values)? = value else {
            throw JWTError(.invalidClaim, "aud must be a string or an array of strings", member: "aud")
        }
        for value in values where value.stringValue == nil {
            throw JWTError(.invalidClaim, "aud must hold strings", member: "aud")
        }
    }

    /// A JSON number in 0…9999-12-31; strings, Booleans, negatives and 1e300 are refused, never trapped on.
    private static func numericDate(_ value: JSONValue?, _ name: String) throws(JWTError) -> Double {
        guard let number = value?.numberValue else { throw JWTError(.invalidClaim, "\(name) must be a NumericDate (a JSON number)", member: name) }
        guard number.isFinite, number >= 0, number <= maximumNumericDate else {
            throw JWTError(.invalidClaim, "\(name) is outside 0…253402300799", member: name)
        }
        return number
    }
}
