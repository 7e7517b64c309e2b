/// Why a step of the bridge failed, for operators: the step, the evidence, the most likely cause and
/// the remedy, in plain English.
///
/// Build one with ``diagnose(_:at:token:context:)`` from any error AuthBridge throws (`JWTError`,
/// `ZendeskError`, `GenesysError`, `OIDCError`, `AuthBridgeError`) or from a ``PeerResponse``. Show it
/// with ``rendered`` (multi-line text) or ``json`` (for `--json`); log ``summary``. A diagnosis never
/// holds a token, a signature, a client secret, an authorization code or a password, and it goes to
/// operators only: the browser gets a generic error with a correlation id.
///
/// ```swift
/// do {
///     _ = try validator.validate(credential)
/// } catch {
///     let diagnosis = Diagnosis.diagnose(error, at: .zendeskValidation, token: credential)
///     logger.warning("\(diagnosis.summary)")
/// }
/// ```
public struct Diagnosis: Sendable, Hashable, CustomStringConvertible {
    /// Where the failure happened.
    public let step: Step
    /// The most likely cause.
    public let cause: Cause
    /// The cause applied to this failure, with its numbers and names ("expired 42 s ago").
    public let explanation: String
    /// What to change, in plain English.
    public let remedy: String
    /// The facts the diagnosis rests on.
    public let evidence: Evidence

    /// For a check that reached its conclusion itself rather than through an error (the doctor's view of
    /// our own discovery document): the caller supplies safe text only.
    package init(step: Step, cause: Cause, explanation: String, remedy: String, evidence: Evidence) {
        self.step = step
        self.cause = cause
        self.explanation = explanation
        self.remedy = remedy
        self.evidence = evidence
    }

    /// One line for logs: `<step> failed: <cause>: <explanation>`, with the status and correlation id.
    public var summary: String {
        var text = "\(self.step) failed: \(self.cause): \(self.explanation)"
        var tags: [String] = []
        if let status = self.evidence.status { tags.append("status \(status)") }
        if let code = self.evidence.peerCode { tags.append("code \(code)") }
        if let id = self.evidence.correlationID ?? self.evidence.contextID ?? self.evidence.requestID {
            tags.append("correlation id \(id)")
        }
        if !tags.isEmpty { text += " [" + tags.joined(separator: ", ") + "]" }
        return text
    }

    /// Same as ``rendered``.
    public var description: String { self.rendered }
}
