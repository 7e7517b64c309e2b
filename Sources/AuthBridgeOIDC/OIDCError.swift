/// An error of the OpenID Connect provider, shaped like RFC 6749 §5.2: an `error` code, the HTTP
/// status the token endpoint answers with, and a description safe to show a client (never a secret,
/// a code or a token).
public struct OIDCError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The RFC 6749 / OpenID Connect error code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidRequest = "invalid_request"
            case invalidClient = "invalid_client"
            case invalidGrant = "invalid_grant"
            case unauthorizedClient = "unauthorized_client"
            case unsupportedGrantType = "unsupported_grant_type"
            case invalidScope = "invalid_scope"
            case invalidToken = "invalid_token"
            case serverError = "server_error"
            case temporarilyUnavailable = "temporarily_unavailable"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A parameter is missing, repeated, malformed or unsupported (including PKCE `plain`).
        public static let invalidRequest = Code(.invalidRequest)
        /// Client authentication failed (unknown client, wrong secret, two methods at once).
        public static let invalidClient = Code(.invalidClient)
        /// The code or refresh token is invalid, expired, reused, revoked, or bound to something else
        /// (redirect URI, client, PKCE verifier), or the customer's session ended.
        public static let invalidGrant = Code(.invalidGrant)
        /// The client may not use this grant or redirect URI.
        public static let unauthorizedClient = Code(.unauthorizedClient)
        /// The grant type is not `authorization_code` or `refresh_token`.
        public static let unsupportedGrantType = Code(.unsupportedGrantType)
        /// The scope lacks `openid` or asks for something the client may not have.
        public static let invalidScope = Code(.invalidScope)
        /// The userinfo endpoint's bearer token is invalid (RFC 6750).
        public static let invalidToken = Code(.invalidToken)
        /// The provider failed (a store error).
        public static let serverError = Code(.serverError)
        /// A store is full or unreachable; retrying later may succeed.
        public static let temporarilyUnavailable = Code(.temporarilyUnavailable)

        /// The wire name, for example `invalid_grant`.
        public var description: String { self.base.rawValue }
    }

    /// The error code.
    public let code: Code
    /// A short explanation, safe to send to the client and to log.
    public let reason: String

    init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The HTTP status the token endpoint answers with: 401 for `invalid_client` and `invalid_token`,
    /// 500/503 for provider failures, 400 otherwise.
    public var status: Int {
        switch self.code {
        case .invalidClient, .invalidToken: 401
        case .serverError: 500
        case .temporarilyUnavailable: 503
        default: 400
        }
    }

    /// `OIDCError(invalid_grant): reason`.
    public var description: String { "OIDCError(\(self.code)): \(self.reason)" }
}
