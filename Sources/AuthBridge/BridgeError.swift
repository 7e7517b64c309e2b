/// A widget start that failed. The browser gets only ``publicBody`` (a generic message and the
/// correlation id); operators get the cause from the logs, which carry the same correlation id.
public struct BridgeError: Error, Sendable, CustomStringConvertible {
    /// Where it failed.
    public let step: Diagnosis.Step
    /// The error of the failing module (`JWTError`, `ZendeskError`, `GenesysError`, `OIDCError`, …); it
    /// carries evidence, never a secret.
    public let underlying: any Error
    /// The id shared by the browser's error body and the operator's log line.
    public let correlationID: String
    /// What an operator needs: the cause, the evidence and the remedy, with no secret in it.
    public let diagnosis: Diagnosis
    /// The HTTP status the browser sees: 400 for a malformed request, 401 when the Zendesk session is not
    /// valid, 429 when a peer rate-limited us, 503 for everything on our side or Genesys's.
    public let status: Int

    init(step: Diagnosis.Step, underlying: any Error, diagnosis: Diagnosis, correlationID: String, status: Int) {
        self.step = step
        self.diagnosis = diagnosis
        self.underlying = underlying
        self.correlationID = correlationID
        self.status = status
    }

    /// The generic body the browser receives: what kind of failure, and the correlation id to quote.
    public var publicBody: [String: String] {
        let message =
            switch self.status {
            case 400: "The request is not valid."
            case 401: "The session could not be verified."
            case 429: "Too many requests; try again shortly."
            default: "The chat could not be started."
            }
        return ["error": message, "correlationId": self.correlationID]
    }

    /// The status, the correlation id and the diagnosis summary.
    public var description: String {
        "BridgeError(status: \(self.status), correlationId: \(self.correlationID), \(self.diagnosis.summary))"
    }
}
