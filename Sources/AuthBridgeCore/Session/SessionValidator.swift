public import Logging

/// Turns a raw session credential from the page (a Zendesk Messaging JWT, a Chat visitor JWT, an SSO
/// JWT, an OAuth token) into a ``VerifiedSession``.
public protocol SessionValidator: Sendable {
    /// Verifies `credential` and returns the identity it proves.
    /// - Parameters:
    ///   - credential: The credential as the page sent it.
    ///   - logger: The request's logger; never log the credential.
    /// - Returns: The verified identity.
    /// - Throws: A typed error that says why the credential was rejected, without quoting it.
    func validate(_ credential: Secret, logger: Logger) async throws -> VerifiedSession
}
