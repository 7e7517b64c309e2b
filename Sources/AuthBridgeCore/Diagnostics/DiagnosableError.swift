/// An error that tells a diagnosis what it knows.
///
/// Each adapter's error conforms (`ZendeskError`, `GenesysError`, `OIDCError`, `JWTError`,
/// ``AuthBridgeError``), so the bridge's `Diagnosis` reads one shape of facts instead of knowing every
/// module's error types; an adapter added later conforms its error and is diagnosed like the others.
public protocol DiagnosableError: Error {
    /// What this failure's error knows: its origin, code, the peer's answer.
    var diagnosticFacts: DiagnosticFacts { get }
}
