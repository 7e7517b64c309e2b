/// Told when Genesys renews a customer's Messenger sign-in, so what the application keeps per subject
/// (AuthBridge's binding of the `sub` to the Zendesk session) lives as long as the sign-in does.
public protocol OpenIDSubjectObserver: Sendable {
    /// A refresh token of `subject` was redeemed and new tokens issued.
    /// - Parameter subject: The `sub` of the ID tokens.
    func refreshed(subject: String) async
}
