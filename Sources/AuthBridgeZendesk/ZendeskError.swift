public import AuthBridgeCore

/// An error from AuthBridgeZendesk: what failed, the evidence Zendesk gave (status, its error code and
/// description, `Retry-After`), never a token, secret or JWT.
///
/// JOSE failures of the JWT validators (bad signature, expired, unknown `kid`, wrong algorithm, oversized,
/// malformed) are thrown as `JWTError` from AuthBridgeJWT unchanged; ``ZendeskError`` covers Zendesk's own
/// rules and its HTTP answers.
public struct ZendeskError: Error, Sendable, CustomStringConvertible, TokenProviderError {
    /// What went wrong; a struct over a private enum so new codes fit a minor release.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidSubdomain
            case invalidConfiguration
            case invalidClaims
            case replayedToken
            case insufficientScope
            case unauthorized
            case forbidden
            case notFound
            case rateLimited
            case serverError
            case unexpectedStatus
            case timeout
            case connectionFailed
            case responseTooLarge
            case malformedResponse
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// A subdomain that breaks Zendesk's grammar (3–63 characters, lowercase letter first, lowercase
        /// letters, digits and dashes, no trailing dash).
        public static let invalidSubdomain = Code(.invalidSubdomain)
        /// A configuration AuthBridge refuses: no keys, more than 10 messaging keys, a plain-HTTP base URL
        /// for a non-loopback host.
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// A correctly signed JWT whose claims break Zendesk's rules: `scope` is not `user`, `external_id`
        /// is missing or too long, the lifetime is longer than allowed, no identity at all.
        public static let invalidClaims = Code(.invalidClaims)
        /// An SSO JWT whose `jti` was already accepted once.
        public static let replayedToken = Code(.replayedToken)
        /// An OAuth token that Zendesk accepts but that lacks a scope the bridge requires.
        public static let insufficientScope = Code(.insufficientScope)
        /// Zendesk answered 401: the token is invalid, expired or revoked, or the client credentials are wrong.
        public static let unauthorized = Code(.unauthorized)
        /// Zendesk answered 403, for example "You are missing the following required scopes: read".
        public static let forbidden = Code(.forbidden)
        /// Zendesk answered 404: no such chat, conversation or user.
        public static let notFound = Code(.notFound)
        /// Zendesk answered 429; ``ZendeskError/retryAfter`` says how long it asked us to wait.
        public static let rateLimited = Code(.rateLimited)
        /// Zendesk answered with a 5xx status.
        public static let serverError = Code(.serverError)
        /// Zendesk answered with a status AuthBridge does not expect.
        public static let unexpectedStatus = Code(.unexpectedStatus)
        /// No complete answer within the configured timeout.
        public static let timeout = Code(.timeout)
        /// The connection failed or was closed before a complete answer.
        public static let connectionFailed = Code(.connectionFailed)
        /// The answer's body was larger than the configured cap.
        public static let responseTooLarge = Code(.responseTooLarge)
        /// The answer's body was not the JSON AuthBridge expects.
        public static let malformedResponse = Code(.malformedResponse)

        /// The code's name, for example `rateLimited`; bounded, safe as a metric label.
        public var description: String { self.base.rawValue }
    }

    /// What went wrong.
    public let code: Code
    /// A sentence for operators; never quotes a credential.
    public let reason: String
    /// The HTTP status Zendesk answered with, if any.
    public let status: Int?
    /// Zendesk's own error code from the body (`invalid_token`, `Forbidden`, `unauthorized`), if any.
    public let zendeskError: String?
    /// Zendesk's error description from the body, capped at 300 characters, if any.
    public let zendeskDescription: String?
    /// How long Zendesk asked callers to wait (`Retry-After`), if it did.
    public let retryAfter: Duration?
    /// The JWT claim or configuration field the error is about, if any.
    public let field: String?
    /// Zendesk's request id (`X-Request-Id`), for support tickets, if it sent one.
    public let requestID: String?
    /// Zendesk's `Date` response header as sent (capped), if it sent one: a diagnosis compares it with
    /// the local clock to spot skew that makes valid tokens look expired or not yet valid.
    public let serverDate: String?

    init(
        _ code: Code,
        _ reason: String,
        status: Int? = nil,
        zendeskError: String? = nil,
        zendeskDescription: String? = nil,
        retryAfter: Duration? = nil,
        field: String? = nil,
        requestID: String? = nil,
        serverDate: String? = nil
    ) {
        self.code = code
        self.reason = reason
        self.status = status
        self.zendeskError = zendeskError.map { String($0.prefix(100)) }
        self.zendeskDescription = zendeskDescription.map { String($0.prefix(300)) }
        self.retryAfter = retryAfter
        self.field = field.map { String($0.prefix(100)) }
        self.requestID = requestID.map { String($0.prefix(100)) }
        self.serverDate = serverDate.map { String($0.prefix(64)) }
    }

    /// `FailureKind.transient` for rate limiting, server errors, timeouts and connection failures;
    /// `FailureKind.permanent` otherwise.
    public var failureKind: FailureKind {
        switch self.code {
        case .rateLimited, .serverError, .timeout, .connectionFailed: .transient
        default: .permanent
        }
    }

    /// The code alone; bounded, safe as a metric label.
    public var shortDescription: String { self.code.description }

    /// Same as ``description``: it holds no secret.
    public var safeDescription: String { self.description }

    /// `ZendeskError.code: reason` followed by the evidence that is present.
    public var description: String {
        var text = "ZendeskError.\(self.code): \(self.reason)"
        var evidence: [String] = []
        if let status { evidence.append("status \(status)") }
        if let zendeskError { evidence.append("error \(zendeskError)") }
        if let zendeskDescription { evidence.append("description \"\(zendeskDescription)\"") }
        if let retryAfter { evidence.append("retry after \(retryAfter)") }
        if let field { evidence.append("field \(field)") }
        if let requestID { evidence.append("request id \(requestID)") }
        if !evidence.isEmpty { text += " [" + evidence.joined(separator: ", ") + "]" }
        return text
    }
}
