public import AuthBridgeCore

/// Decides, at every refresh, whether the customer's Zendesk session still stands.
///
/// A refresh token outlives the Zendesk credential it was issued for; before rotating it the provider
/// asks this checker, and revokes the token's family when the answer is no (the customer signed out of
/// Zendesk, the OAuth token was revoked, the account was suspended).
public protocol SessionStatusChecker: Sendable {
    /// Whether `session` is still valid at `now` (seconds since the epoch).
    func isStillValid(_ session: VerifiedSession, now: Double) async -> Bool
}
