public import AuthBridgeJWT

extension JWTError: DiagnosableError {
    /// The code, reason and member.
    public var diagnosticFacts: DiagnosticFacts {
        DiagnosticFacts(origin: "jose", code: self.code.description, reason: self.reason, field: self.member)
    }
}
