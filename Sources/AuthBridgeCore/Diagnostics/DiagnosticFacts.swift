/// One failure's facts as its error carries them, for a diagnosis (see ``DiagnosableError``).
///
/// Values that came from a peer (its code, message and ids) are passed as received; whoever prints them
/// escapes and caps them first.
public struct DiagnosticFacts: Sendable, Hashable {
    /// Which part failed: `jose`, `zendesk`, `genesys`, `oidc`, `bridge`, or `peer` for a raw answer.
    public var origin: String
    /// The error's code name (`unauthorized`, `rateLimited`), if any.
    public var code: String?
    /// The error's own reason; matched, never printed as is.
    public var reason: String?
    /// The peer's HTTP status, if a peer answered.
    public var status: Int?
    /// The peer's error code (`invalid_token`, `bad.request`).
    public var peerCode: String?
    /// The peer's error message.
    public var peerMessage: String?
    /// The peer's correlation id (Genesys `ININ-Correlation-Id`).
    public var correlationID: String?
    /// The peer's context id (Genesys `contextId`).
    public var contextID: String?
    /// The peer's request id (Zendesk `X-Request-Id`).
    public var requestID: String?
    /// The operation that failed (`create guest chat`).
    public var operation: String?
    /// The field or claim concerned.
    public var field: String?
    /// The peer's `Date` header, for clock skew.
    public var serverDate: String?
    /// The peer's `Retry-After`.
    public var retryAfter: Duration?

    /// Creates facts; everything but the origin defaults to unknown.
    /// - Parameters:
    ///   - origin: Which part failed.
    ///   - code: The code name.
    ///   - reason: The error's reason.
    ///   - status: The peer's status.
    ///   - peerCode: The peer's error code.
    ///   - peerMessage: The peer's message.
    ///   - correlationID: The peer's correlation id.
    ///   - contextID: The peer's context id.
    ///   - requestID: The peer's request id.
    ///   - operation: The operation.
    ///   - field: The field or claim.
    ///   - serverDate: The peer's `Date`.
    ///   - retryAfter: The peer's `Retry-After`.
    public init(
        origin: String,
        code: String? = nil,
        reason: String? = nil,
        status: Int? = nil,
        peerCode: String? = nil,
        peerMessage: String? = nil,
        correlationID: String? = nil,
        contextID: String? = nil,
        requestID: String? = nil,
        operation: String? = nil,
        field: String? = nil,
        serverDate: String? = nil,
        retryAfter: Duration? = nil
    ) {
        self.origin = origin
        self.code = code
        self.reason = reason
        self.status = status
        self.peerCode = peerCode
        self.peerMessage = peerMessage
        self.correlationID = correlationID
        self.contextID = contextID
        self.requestID = requestID
        self.operation = operation
        self.field = field
        self.serverDate = serverDate
        self.retryAfter = retryAfter
    }
}
