internal import AuthBridgeCore
internal import AuthBridgeJWT

/// One failure's facts, whatever error type carried them; broker wrappers are unwrapped first.
struct FailureFacts {
    /// ``DiagnosticFacts/origin`` as a case.
    enum Source: String { case jwt = "jose", zendesk, genesys, oidc, peer, bridge, other }

    var source: Source = .other
    /// `Type.code`, for the evidence.
    var errorName: String
    /// The adapter's code name (`unauthorized`, `rateLimited`), if any.
    var code: String?
    /// The adapter's reason; never printed as is (it is matched only), so a peer cannot inject text.
    var reason: String?
    var status: Int?
    var peerCode: String?
    var peerMessage: String?
    var correlationID: String?
    var contextID: String?
    var requestID: String?
    var operation: String?
    var field: String?
    var serverDate: String?
    var retryAfter: Duration?
    var jwt: JWTError?

    init(_ error: any Error) {
        var error = error
        var retryAfter: Duration?
        // The broker wraps provider errors; what it wraps is the evidence.
        for _ in 0..<4 {
            guard let bridge = error as? AuthBridgeError, let underlying = bridge.underlying else { break }
            retryAfter = retryAfter ?? bridge.retryAfter
            error = underlying
        }
        self.errorName = String(describing: type(of: error))
        self.jwt = error as? JWTError
        // Every adapter's error says what it knows through one protocol; an error that does not conform
        // is diagnosed by its type name alone.
        if let diagnosable = error as? any DiagnosableError {
            let facts = diagnosable.diagnosticFacts
            self.source = Source(rawValue: facts.origin) ?? .other
            self.code = facts.code
            self.reason = facts.reason
            self.status = facts.status
            self.peerCode = facts.peerCode
            self.peerMessage = facts.peerMessage
            self.correlationID = facts.correlationID
            self.contextID = facts.contextID
            self.requestID = facts.requestID
            self.operation = facts.operation
            self.field = facts.field
            self.serverDate = facts.serverDate
            retryAfter = facts.retryAfter ?? retryAfter
        }
        self.retryAfter = retryAfter
        if let code = self.code { self.errorName += "." + code }
        // Everything that came from a peer is escaped and capped before it can reach a log line.
        self.peerCode = self.peerCode.map { DiagnosisText.printable($0, limit: 100) }
        self.peerMessage = self.peerMessage.map { DiagnosisText.printable($0, limit: 300) }
        self.correlationID = self.correlationID.map { DiagnosisText.printable($0, limit: 100) }
        self.contextID = self.contextID.map { DiagnosisText.printable($0, limit: 100) }
        self.requestID = self.requestID.map { DiagnosisText.printable($0, limit: 100) }
        self.serverDate = self.serverDate.map { DiagnosisText.printable($0, limit: 64) }
        self.field = self.field.map { DiagnosisText.printable($0, limit: 100) }
    }

    /// The peer's message and the adapter's reason, lowercased, for matching.
    var text: String { ((self.peerMessage ?? "") + " " + (self.reason ?? "")).lowercased() }
}
