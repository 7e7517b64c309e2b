/// Where the bridge remembers which Genesys contact and conversation a Zendesk session already maps to,
/// so a page reload or a retried request reuses them instead of creating new ones.
///
/// Keys are hashes the bridge derives from the session, never a credential. Payloads are opaque to the
/// store (the bridge seals them with a key derived from the customer's own credential). Implementations
/// must make ``insertIfAbsent(_:forKey:lifetime:)`` atomic: of two concurrent inserts under one key,
/// exactly one wins and both callers get the winner's payload.
public protocol SessionMappingStore: Sendable {
    /// The payload stored under `key`, or `nil` when there is none or it expired.
    /// - Parameter key: The mapping key.
    /// - Returns: The payload.
    func mapping(forKey key: String) async throws -> [UInt8]?

    /// Stores `payload` under `key` for `lifetime` unless an unexpired payload is there.
    /// - Parameters:
    ///   - payload: The mapping to store.
    ///   - key: The mapping key.
    ///   - lifetime: How long the mapping lives.
    /// - Returns: The payload stored under `key` afterwards: `payload` when this call won, else the
    ///   earlier one.
    func insertIfAbsent(_ payload: [UInt8], forKey key: String, lifetime: Duration) async throws -> [UInt8]

    /// Forgets the mapping under `key` (for example when the customer signs out).
    /// - Parameter key: The mapping key.
    func removeMapping(forKey key: String) async throws
}
