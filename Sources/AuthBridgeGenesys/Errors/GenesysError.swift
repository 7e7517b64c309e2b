public import AuthBridgeCore

/// An error from AuthBridgeGenesys: what failed, whether retrying may help, and the evidence an operator
/// needs (HTTP status, Genesys's error `code`, its `contextId` and the `inin-correlation-id` header),
/// never a secret.
///
/// A struct over a private code enum, so new codes fit a minor release. It conforms to
/// `TokenProviderError`, so the `TokenBroker` retries transient failures and honours ``retryAfter``.
public struct GenesysError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case unknownRegion
            case invalidConfiguration
            case unknownClient
            case invalidClient
            case unauthorized
            case forbidden
            case notFound
            case badRequest
            case conflict
            case rateLimited
            case serverError
            case unexpectedStatus
            case transport
            case malformedResponse
            case responseTooLarge
            case requestTooLarge
            case invalidInput
            case tokenUnavailable
            case retiredAPI
            case valuesOmitted
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// A region name or domain that is not a Genesys Cloud region; the reason lists the valid ones.
        public static let unknownRegion = Code(.unknownRegion)
        /// A configuration value is unusable, for example a plain-http base URL for a non-loopback host.
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// The token provider has no credentials for the OAuth client it was asked for.
        public static let unknownClient = Code(.unknownClient)
        /// `/oauth/token` refused the client id or secret (400 or 401). Permanent until someone fixes them.
        public static let invalidClient = Code(.invalidClient)
        /// The API refused the access token (401) even after a fresh one, for example one issued by
        /// another region's login host.
        public static let unauthorized = Code(.unauthorized)
        /// The OAuth client lacks a role or permission (403).
        public static let forbidden = Code(.forbidden)
        /// The resource does not exist (404).
        public static let notFound = Code(.notFound)
        /// Genesys refused the request as malformed (400 or 422).
        public static let badRequest = Code(.badRequest)
        /// The request conflicts with the resource's state (409).
        public static let conflict = Code(.conflict)
        /// Too many requests (429); see ``GenesysError/retryAfter``.
        public static let rateLimited = Code(.rateLimited)
        /// Genesys failed (5xx).
        public static let serverError = Code(.serverError)
        /// Any other status.
        public static let unexpectedStatus = Code(.unexpectedStatus)
        /// The connection failed or timed out.
        public static let transport = Code(.transport)
        /// A response was not the JSON this module expects.
        public static let malformedResponse = Code(.malformedResponse)
        /// A response was larger than the configured cap.
        public static let responseTooLarge = Code(.responseTooLarge)
        /// A request body would be larger than the configured cap.
        public static let requestTooLarge = Code(.requestTooLarge)
        /// An argument cannot be sent as is, for example an identity too long to send without truncation.
        public static let invalidInput = Code(.invalidInput)
        /// The token broker could not provide a service token; ``GenesysError/underlyingDescription`` says why.
        public static let tokenUnavailable = Code(.tokenUnavailable)

        /// Genesys answered 404 or 410 on an API it removed from its public definitions: ACD web chat v2
        /// (`/api/v2/webchat/guest/…`, `/api/v2/conversations/chats/…`, removed in 2026 per the article
        /// "deprecation-removal-of-acd-web-chat-version-2") or `/api/v2/signeddata` (Web Chat 1.x). Move to
        /// Web Messaging.
        public static let retiredAPI = Code(.retiredAPI)

        /// Values were left out of a write because they break a limit of Genesys's definitions; the
        /// rest was written (see ``GenesysError/omitted(_:)``).
        public static let valuesOmitted = Code(.valuesOmitted)

        /// The code's name, for example `rateLimited`.
        public var description: String { self.base.rawValue }
    }

    /// What went wrong.
    public let code: Code
    /// Whether retrying may help.
    public let kind: FailureKind
    /// A short explanation that never quotes a token or a secret.
    public let reason: String
    /// The request, as `METHOD /path` without query, if one was made.
    public let operation: String?
    /// The HTTP status, if a response arrived.
    public let status: Int?
    /// Genesys's error `code` (for example `not.found`), from the `ErrorBody`.
    public let genesysCode: String?
    /// Genesys's `contextId`, which Genesys support asks for.
    public let contextID: String?
    /// The `inin-correlation-id` response header.
    public let correlationID: String?
    /// How long Genesys asked callers to wait (`Retry-After`), if it did.
    public let retryAfter: Duration?
    /// The underlying error's safe description, if there was one (for example the token broker's error).
    public let underlyingDescription: String?
    /// Genesys's `Date` response header as sent (capped), if a response arrived with one: a diagnosis
    /// compares it with the local clock to spot skew.
    public let serverDate: String?

    init(
        _ code: Code,
        kind: FailureKind,
        reason: String,
        operation: String? = nil,
        status: Int? = nil,
        genesysCode: String? = nil,
        contextID: String? = nil,
        correlationID: String? = nil,
        retryAfter: Duration? = nil,
        underlyingDescription: String? = nil,
        serverDate: String? = nil
    ) {
        self.code = code
        self.kind = kind
        self.reason = Self.capped(reason, limit: 300)
        self.operation = operation.map { Self.capped($0) }
        self.status = status
        self.genesysCode = genesysCode.map { Self.capped($0, limit: 100) }
        self.contextID = contextID.map { Self.capped($0, limit: 100) }
        self.correlationID = correlationID.map { Self.capped($0, limit: 100) }
        self.retryAfter = retryAfter
        self.underlyingDescription = underlyingDescription.map { Self.capped($0, limit: 400) }
        self.serverDate = serverDate.map { Self.capped($0, limit: 64) }
    }

    /// The code's name, bounded and free of associated values: safe as a metric label.
    public var shortDescription: String { self.code.description }

    /// `GenesysError(code, kind): reason` followed by the operation, status, Genesys code, ids and retry-after.
    public var description: String {
        var text = "GenesysError(\(self.code), \(self.kind)): \(self.reason)"
        if let operation { text += " [operation: \(operation)]" }
        if let status { text += " [status: \(status)]" }
        if let genesysCode { text += " [genesys code: \(genesysCode)]" }
        if let contextID { text += " [contextId: \(contextID)]" }
        if let correlationID { text += " [inin-correlation-id: \(correlationID)]" }
        if let retryAfter { text += " [retry after: \(retryAfter)]" }
        if let underlyingDescription { text += " [underlying: \(underlyingDescription)]" }
        return text
    }

    /// Caps text taken from elsewhere, so a hostile or verbose value cannot flood logs.
    static func capped(_ text: String, limit: Int = 200) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }

    /// A peer's value made safe for a log line: control characters escaped, then capped, so it cannot
    /// forge a line or flood the log.
    static func printable(_ text: String, limit: Int = 64) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}" {
                escaped += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return Self.capped(escaped, limit: limit)
    }
}

extension GenesysError: TokenProviderError {
    /// Same as ``kind``.
    public var failureKind: FailureKind { self.kind }

    /// Same as ``description``, which never contains a secret.
    public var safeDescription: String { self.description }
}

extension GenesysError {
    static func unknownRegion(_ given: String, valid: [String]) -> GenesysError {
        GenesysError(
            .unknownRegion,
            kind: .permanent,
            reason: "'\(capped(given, limit: 60))' is not a Genesys Cloud region; valid: \(valid.joined(separator: ", "))"
        )
    }

    static func invalidConfiguration(_ reason: String) -> GenesysError {
        GenesysError(.invalidConfiguration, kind: .permanent, reason: reason)
    }

    /// Values left out of a write because they break a limit of Genesys's definitions; `fields` name the
    /// field and the rule, never the value.
    /// - Parameter fields: What was left out, as ``GenesysContactUpsert/omittedFields`` lists it.
    /// - Returns: A ``Code/valuesOmitted`` error, for logging with a diagnosis.
    public static func omitted(_ fields: [String]) -> GenesysError {
        GenesysError(.valuesOmitted, kind: .permanent, reason: "left out to fit Genesys's limits: " + fields.joined(separator: "; "))
    }

    static func invalidInput(_ reason: String) -> GenesysError {
        GenesysError(.invalidInput, kind: .permanent, reason: reason)
    }
}
