public import AuthBridgeCore

extension GenesysError: DiagnosableError {
    /// The code, reason, Genesys's answer and ids.
    public var diagnosticFacts: DiagnosticFacts {
        DiagnosticFacts(
            origin: "genesys",
            code: self.code.description,
            reason: self.reason,
            status: self.status,
            peerCode: self.genesysCode,
            correlationID: self.correlationID,
            contextID: self.contextID,
            operation: self.operation,
            serverDate: self.serverDate,
            retryAfter: self.retryAfter
        )
    }
}
