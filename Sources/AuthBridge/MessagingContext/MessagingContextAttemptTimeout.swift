import AuthBridgeCore

/// One attempt of the messaging-context Genesys step ran out of its share of the deadline; it was
/// cancelled, and is retried while the deadline allows.
struct MessagingContextAttemptTimeout: Error, Sendable, CustomStringConvertible {
    var description: String { "the Genesys step did not finish within its share of the messaging-context deadline" }
}

extension MessagingContextAttemptTimeout: DiagnosableError {
    /// A Genesys timeout: the peer did not answer in time.
    var diagnosticFacts: DiagnosticFacts {
        DiagnosticFacts(origin: "genesys", code: "timeout", reason: self.description, operation: "messaging context")
    }
}
