internal import AuthBridgeCore
internal import AuthBridgeGenesys
internal import AuthBridgeJWT
internal import AuthBridgeOIDC
internal import AuthBridgeZendesk

/// One failure's facts, whatever error type carried them; broker wrappers are unwrapped first.
struct FailureFacts {
    enum Source { case jwt, zendesk, genesys, oidc, peer, bridge, other }

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
        switch error {
        case let jwt as JWTError:
            self.source = .jwt
            self.jwt = jwt
            self.code = jwt.code.description
            self.reason = jwt.reason
            self.field = jwt.member
        case let zendesk as ZendeskError:
            self.source = .zendesk
            self.code = zendesk.code.description
            self.reason = zendesk.reason
            self.status = zendesk.status
            self.peerCode = zendesk.zendeskError
            self.peerMessage = zendesk.zendeskDescription
            self.requestID = zendesk.requestID
            self.field = zendesk.field
            self.serverDate = zendesk.serverDate
            retryAfter = zendesk.retryAfter ?? retryAfter
        case let genesys as GenesysError:
            self.source = .genesys
            self.code = genesys.code.description
            self.reason = genesys.reason
            self.status = genesys.status
            self.peerCode = genesys.genesysCode
            self.correlationID = genesys.correlationID
            self.contextID = genesys.contextID
            self.operation = genesys.operation
            self.serverDate = genesys.serverDate
            retryAfter = genesys.retryAfter ?? retryAfter
        case let oidc as OIDCError:
            self.source = .oidc
            self.code = oidc.code.description
            self.reason = oidc.reason
            self.status = oidc.status
            self.peerCode = oidc.code.description
            self.peerMessage = oidc.reason
        case let peer as PeerResponse:
            self.source = .peer
            self.status = peer.status
            let body = (try? JSONValue(parsing: String(decoding: peer.body.prefix(64 << 10), as: UTF8.self)))?.objectValue
            let first = body?["errors"]?.arrayValue?.first?.objectValue
            self.peerCode = body?["code"]?.stringValue ?? body?["error"]?.stringValue ?? first?["code"]?.stringValue
            self.peerMessage =
                body?["message"]?.stringValue ?? body?["error_description"]?.stringValue
                ?? body?["description"]?.stringValue ?? first?["title"]?.stringValue
            self.contextID = body?["contextId"]?.stringValue
            self.correlationID = peer.header("inin-correlation-id")
            self.requestID = peer.header("x-request-id") ?? peer.header("x-zendesk-request-id")
            self.serverDate = peer.header("date")
            if let text = peer.header("retry-after"), let seconds = Int(text.trimmingWhitespace), seconds >= 0 {
                retryAfter = .seconds(min(seconds, 86_400))
            }
        case BridgeUnsupported.retiredWidget(let widget):
            self.source = .bridge
            self.code = "retiredAPI"
            self.operation = "widget \(widget)"
        case let bridge as AuthBridgeError:
            self.source = .bridge
            self.code = bridge.code.description
            self.reason = bridge.reason
            retryAfter = bridge.retryAfter ?? retryAfter
        default:
            break
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

extension String {
    fileprivate var trimmingWhitespace: String {
        String(self.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
