public import AuthBridgeCore

extension ZendeskError: DiagnosableError {
    /// The code, reason, Zendesk's answer and ids.
    public var diagnosticFacts: DiagnosticFacts {
        DiagnosticFacts(
            origin: "zendesk",
            code: self.code.description,
            reason: self.reason,
            status: self.status,
            peerCode: self.zendeskError,
            peerMessage: self.zendeskDescription,
            requestID: self.requestID,
            field: self.field,
            serverDate: self.serverDate,
            retryAfter: self.retryAfter
        )
    }
}
