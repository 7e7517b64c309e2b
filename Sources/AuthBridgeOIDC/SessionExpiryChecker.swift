public import AuthBridgeCore

/// The default ``SessionStatusChecker``: a session stands until the Zendesk credential's own expiry
/// (`exp` of a JWT, the OAuth token's expiry), and forever when it had none.
public struct SessionExpiryChecker: SessionStatusChecker {
    /// A checker.
    public init() {}

    /// `true` while `now` is before the session's expiry.
    public func isStillValid(_ session: VerifiedSession, now: Double) async -> Bool {
        guard let expiresAt = session.expiresAt else { return true }
        return now < expiresAt
    }
}
