public import AuthBridgeCore

extension OIDCError: DiagnosableError {
    /// The code (also the OAuth error code) and reason.
    public var diagnosticFacts: DiagnosticFacts {
        DiagnosticFacts(
            origin: "oidc",
            code: self.code.description,
            reason: self.reason,
            status: self.status,
            peerCode: self.code.description,
            peerMessage: self.reason
        )
    }
}
