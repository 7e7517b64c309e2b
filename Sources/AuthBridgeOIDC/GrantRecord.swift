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

    func encoded() -> [UInt8] {
        var session: JSONObject = [
            "sub": .string(self.session.subject),
            "ev": .bool(self.session.isEmailVerified),
            "kind": .string(self.session.credentialKind.description),
            "ctx": .object(self.session.context.reduce(into: JSONObject()) { $0[$1.key] = Self.json($1.value) }),
        ]
        if let name = self.session.name { session["name"] = .string(name) }
        if let email = self.session.email { session["email"] = .string(email) }
        if let expiry = self.session.expiresAt { session["exp"] = .number(expiry) }
        var object: JSONObject = [
            "c": .string(self.clientID),
            "r": .string(self.redirectURI),
            "s": .array(self.scopes.map(JSONValue.string)),
            "at": .number(self.authTime),
            "exp": .number(self.expiresAt),
            "session": .object(session),
        ]
        if let nonce { object["n"] = .string(nonce) }
        if let codeChallenge { object["pc"] = .string(codeChallenge) }
        return Array(JSONValue.object(object).serialized.utf8)
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
        for member in session["ctx"]?.objectValue ?? [:] { context[member.name] = Self.context(member.value) }
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

    static func json(_ value: ContextValue) -> JSONValue {
        switch value {
        case .string(let string): .string(string)
        case .number(let number): .number(number)
        case .bool(let flag): .bool(flag)
        case .array(let values): .array(values.map(Self.json))
        case .object(let members): .object(members.sorted { $0.key < $1.key }.reduce(into: JSONObject()) { $0[$1.key] = Self.json($1.value) })
        case .null: .null
        }
    }

    static func context(_ value: JSONValue) -> ContextValue {
        switch value {
        case .string(let string): .string(string)
        case .number(let number): .number(number)
        case .bool(let flag): .bool(flag)
        case .array(let values): .array(values.map(Self.context))
        case .object(let object): .object(object.reduce(into: [String: ContextValue]()) { $0[$1.name] = Self.context($1.value) })
        case .null: .null
        }
    }
}
