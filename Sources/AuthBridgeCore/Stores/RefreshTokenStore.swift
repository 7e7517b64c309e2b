/// Refresh tokens in rotation families, stored by keys derived from the tokens (hashes, never tokens).
///
/// Every use of a refresh token rotates it: the family's current key is replaced atomically. Presenting
/// a key that the family already rotated away from is reuse (a stolen token, or a stolen successor):
/// the whole family is revoked (OAuth 2.0 security BCP, refresh token rotation).
public protocol RefreshTokenStore: Sendable {
    /// Starts a family whose current token is `key`, for `subject`, until `lifetime` passes. Throws
    /// ``AuthBridgeError`` ``AuthBridgeError/Code/entryExists`` when the family or key exists, or the
    /// family was revoked ahead.
    func insert(_ payload: [UInt8], forKey key: String, family: String, subject: String, lifetime: Duration) async throws

    /// Atomically replaces the family's current token `key` with `newKey`. The family keeps its payload
    /// (the grant); its lifetime is never extended beyond `lifetime` from now or its first expiry.
    func rotate(_ key: String, to newKey: String, lifetime: Duration) async throws -> RefreshRotation

    /// Revokes a family: none of its tokens works again. A family that does not exist yet is revoked
    /// ahead (remembered for ``revokedAheadLifetime``), so a grant still being issued cannot start it:
    /// a code redeemed twice revokes what the first redemption issues, even when the second arrives
    /// first.
    func revokeFamily(_ family: String) async throws

    /// Revokes every family of `subject` (for example when the customer's Zendesk session ends).
    ///
    /// - Returns: How many families were revoked.
    @discardableResult
    func revokeFamilies(ofSubject subject: String) async throws -> Int

    /// Whether `family` exists and is not revoked.
    func isActive(family: String) async throws -> Bool
}

extension RefreshTokenStore {
    /// How long a family revoked before it existed stays revoked: far longer than a token request takes.
    public static var revokedAheadLifetime: Duration { .seconds(600) }
}
