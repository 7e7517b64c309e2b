public import AuthBridgeCore

extension RedisError: DiagnosableError {
    /// The code, the reason, the command's name and the server error's first word: what ``RedisError``
    /// holds, so a store failure is diagnosed (a connection failure or a timeout is the peer being
    /// unavailable) instead of "no known cause".
    public var diagnosticFacts: DiagnosticFacts {
        DiagnosticFacts(origin: "redis", code: self.code.description, reason: self.reason, peerCode: self.serverErrorPrefix, operation: self.command)
    }
}
