public import AuthBridgeCore
import AuthBridgeJWT

extension PeerResponse: DiagnosableError {
    /// The status, the error code and message of a JSON body in the shapes Genesys, Zendesk and OAuth
    /// use, and the ids and hints of the headers.
    public var diagnosticFacts: DiagnosticFacts {
        let body = (try? JSONValue(parsing: String(decoding: self.body.prefix(64 << 10), as: UTF8.self)))?.objectValue
        let first = body?["errors"]?.arrayValue?.first?.objectValue
        var retryAfter: Duration?
        if let text = self.header("retry-after"), let seconds = Int(text.trimmingWhitespace), seconds >= 0 {
            retryAfter = .seconds(min(seconds, 86_400))
        }
        return DiagnosticFacts(
            origin: "peer",
            status: self.status,
            peerCode: body?["code"]?.stringValue ?? body?["error"]?.stringValue ?? first?["code"]?.stringValue,
            peerMessage: body?["message"]?.stringValue ?? body?["error_description"]?.stringValue
                ?? body?["description"]?.stringValue ?? first?["title"]?.stringValue,
            correlationID: self.header("inin-correlation-id"),
            contextID: body?["contextId"]?.stringValue,
            requestID: self.header("x-request-id") ?? self.header("x-zendesk-request-id"),
            serverDate: self.header("date"),
            retryAfter: retryAfter
        )
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        String(self.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
