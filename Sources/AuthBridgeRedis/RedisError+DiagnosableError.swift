public import AuthBridgeCore

extension RedisError: DiagnosableError {
    /// What ``RedisError`` holds (the reason, the command's name, the server error's first word), with a
    /// code the diagnosis reads: a connection failure, a timeout or a server that is busy or failing
    /// over is the peer being unavailable; refused credentials or permissions are the configuration;
    /// anything else Redis refused is reported as it is.
    public var diagnosticFacts: DiagnosticFacts {
        DiagnosticFacts(origin: "redis", code: self.diagnosticCode, reason: self.reason, peerCode: self.serverErrorPrefix, operation: self.command)
    }

    private var diagnosticCode: String {
        switch self.code {
        case .authenticationFailed:
            return "invalidConfiguration"
        case .serverError:
            switch self.serverErrorPrefix ?? "" {
            case "LOADING", "BUSY", "MASTERDOWN", "TRYAGAIN", "READONLY", "CLUSTERDOWN":
                return "serverError"
            case "NOPERM", "NOAUTH", "WRONGPASS":
                return "invalidConfiguration"
            default:
                return "redisRefused"
            }
        default:
            return self.code.description
        }
    }
}
