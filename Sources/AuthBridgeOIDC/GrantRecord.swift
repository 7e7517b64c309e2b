import AuthBridgeCore
import AuthBridgeJWT

/// What a code or refresh token stands for, as the stores keep it: opaque JSON bytes, so a shared store
/// needs no knowledge of OpenID Connect.
struct GrantRecord: Sendable, Equatable {
    var clientID: String
    var redirectURI: String
    var nonce: String?
    var codeChallenge: String?
    var scopes: [String]
    var authTime: Double
    /// When the code stops being redeemable (codes only).
    var expiresAt: Double
    var session: VerifiedSession

    /// The record as compact JSON, written straight to bytes: on the code route a ``JSONObject`` per
    /// record cost more than the rest of minting the code.
    func encoded() -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(512)
        Self.member("c", first: true, into: &out)
        JSONWriter.writeString(self.clientID, into: &out)
        Self.member("r", into: &out)
        JSONWriter.writeString(self.redirectURI, into: &out)
        Self.member("s", into: &out)
        out.append(UInt8(ascii: "["))
        for (offset, scope) in self.scopes.enumerated() {
            if offset > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.writeString(scope, into: &out)
        }
        out.append(UInt8(ascii: "]"))
        Self.member("at", into: &out)
        JSONWriter.writeNumber(self.authTime, into: &out)
        Self.member("exp", into: &out)
        JSONWriter.writeNumber(self.expiresAt, into: &out)
        Self.member("session", into: &out)
        Self.member("sub", first: true, into: &out)
        JSONWriter.writeString(self.session.subject, into: &out)
        Self.member("ev", into: &out)
        out.append(contentsOf: (self.session.isEmailVerified ? "true" : "false").utf8)
        Self.member("kind", into: &out)
        JSONWriter.writeString(self.session.credentialKind.description, into: &out)
        Self.member("ctx", into: &out)
        out.append(UInt8(ascii: "{"))
        for (offset, member) in self.session.context.enumerated() {
            if offset > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.writeString(member.key, into: &out)
            out.append(UInt8(ascii: ":"))
            JSONWriter.write(JSONValue(member.value), into: &out)
        }
        out.append(UInt8(ascii: "}"))
        if let name = self.session.name {
            Self.member("name", into: &out)
            JSONWriter.writeString(name, into: &out)
        }
        if let email = self.session.email {
            Self.member("email", into: &out)
            JSONWriter.writeString(email, into: &out)
        }
        if let expiry = self.session.expiresAt {
            Self.member("exp", into: &out)
            JSONWriter.writeNumber(expiry, into: &out)
        }
        out.append(UInt8(ascii: "}"))
        if let nonce {
            Self.member("n", into: &out)
            JSONWriter.writeString(nonce, into: &out)
        }
        if let codeChallenge {
            Self.member("pc", into: &out)
            JSONWriter.writeString(codeChallenge, into: &out)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// `{"name":` or `,"name":`, appended in one go; names here are ASCII literals that need no escaping.
    private static func member(_ name: StaticString, first: Bool = false, into out: inout [UInt8]) {
        let count = name.utf8CodeUnitCount
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count + 4) { buffer in
            buffer[0] = first ? UInt8(ascii: "{") : UInt8(ascii: ",")
            buffer[1] = UInt8(ascii: "\"")
            for index in 0..<count { buffer[2 + index] = name.utf8Start[index] }
            buffer[count + 2] = UInt8(ascii: "\"")
            buffer[count + 3] = UInt8(ascii: ":")
            out.append(contentsOf: buffer)
        }
    }

    init(
        clientID: String,
        redirectURI: String,
        nonce: String?,
        codeChallenge: String?,
        scopes: [String],
        authTime: Double,
        expiresAt: Double,
        session: VerifiedSession
    ) {
        self.clientID = clientID
        self.redirectURI = redirectURI
        self.nonce = nonce
        self.codeChallenge = codeChallenge
        self.scopes = scopes
        self.authTime = authTime
        self.expiresAt = expiresAt
        self.session = session
    }

    init(decoding bytes: [UInt8]) throws(OIDCError) {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: String(decoding: bytes, as: UTF8.self), maximumDepth: 32)
        } catch {
            throw OIDCError(.serverError, "a stored grant is unreadable")
        }
        guard let object = value.objectValue, let clientID = object["c"]?.stringValue, let redirectURI = object["r"]?.stringValue,
            let scopes = object["s"]?.arrayValue, let authTime = object["at"]?.numberValue, let expiresAt = object["exp"]?.numberValue,
            let session = object["session"]?.objectValue, let subject = session["sub"]?.stringValue,
            let kindName = session["kind"]?.stringValue, let kind = Self.kind(named: kindName)
        else { throw OIDCError(.serverError, "a stored grant is incomplete") }
        self.clientID = clientID
        self.redirectURI = redirectURI
        self.nonce = object["n"]?.stringValue
        self.codeChallenge = object["pc"]?.stringValue
        self.scopes = scopes.compactMap(\.stringValue)
        self.authTime = authTime
        self.expiresAt = expiresAt
        var context: [String: ContextValue] = [:]
        for member in session["ctx"]?.objectValue ?? [:] { context[member.name] = ContextValue(member.value) }
        self.session = VerifiedSession(
            subject: subject,
            name: session["name"]?.stringValue,
            email: session["email"]?.stringValue,
            isEmailVerified: session["ev"]?.boolValue ?? false,
            credentialKind: kind,
            expiresAt: session["exp"]?.numberValue,
            context: context
        )
    }

    static func kind(named name: String) -> CredentialKind? {
        [CredentialKind.messagingJWT, .chatVisitorJWT, .ssoJWT, .oauthToken].first { $0.description == name }
    }
}
