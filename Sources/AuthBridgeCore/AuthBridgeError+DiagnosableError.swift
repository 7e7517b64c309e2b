extension AuthBridgeError: DiagnosableError {
    /// The code, reason and `Retry-After`; the underlying error, if any, is diagnosed in its place.
    public var diagnosticFacts: DiagnosticFacts {
        DiagnosticFacts(origin: "bridge", code: self.code.description, reason: self.reason, retryAfter: self.retryAfter)
    }
}
