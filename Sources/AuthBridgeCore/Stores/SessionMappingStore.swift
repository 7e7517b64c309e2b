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

    /// Replaces the payload under `key` only if it is still `expected` (a compare-and-swap). A default
    /// implementation exists; stores shared by replicas must make it atomic.
    /// - Parameters:
    ///   - payload: The new payload.
    ///   - key: The mapping key.
    ///   - expected: The payload the caller read or wrote last.
    ///   - lifetime: How long the new payload lives.
    /// - Returns: Whether the payload was replaced.
    func replaceMapping(_ payload: [UInt8], forKey key: String, ifCurrent expected: [UInt8], lifetime: Duration) async throws -> Bool

    /// Removes the payload under `key` only if it is still `expected`.
    /// - Parameters:
    ///   - key: The mapping key.
    ///   - expected: The payload the caller wrote.
    /// - Returns: Whether it was removed.
    func removeMapping(forKey key: String, ifCurrent expected: [UInt8]) async throws -> Bool

    /// Gives the payload under `key` a new lifetime, never recreating a removed one.
    /// - Parameters:
    ///   - key: The mapping key.
    ///   - lifetime: The new lifetime.
    /// - Returns: Whether a payload was there.
    func extendMapping(forKey key: String, lifetime: Duration) async throws -> Bool
}

extension SessionMappingStore {
    /// The default compare-and-swap: read, compare, remove, insert. Not atomic; the in-memory and Redis
    /// stores replace it with atomic ones.
    /// - Parameters:
    ///   - payload: The new payload.
    ///   - key: The mapping key.
    ///   - expected: The payload the caller read or wrote last.
    ///   - lifetime: How long the new payload lives.
    /// - Returns: Whether the payload was replaced.
    public func replaceMapping(_ payload: [UInt8], forKey key: String, ifCurrent expected: [UInt8], lifetime: Duration) async throws -> Bool {
        guard try await self.mapping(forKey: key) == expected else { return false }
        try await self.removeMapping(forKey: key)
        return try await self.insertIfAbsent(payload, forKey: key, lifetime: lifetime) == payload
    }

    /// Removes the payload under `key` only if it is still `expected`.
    /// - Parameters:
    ///   - key: The mapping key.
    ///   - expected: The payload the caller wrote.
    /// - Returns: Whether it was removed.
    public func removeMapping(forKey key: String, ifCurrent expected: [UInt8]) async throws -> Bool {
        guard try await self.mapping(forKey: key) == expected else { return false }
        try await self.removeMapping(forKey: key)
        return true
    }

    /// Gives the payload under `key` a new `lifetime` from now, if there is one; never recreates a
    /// removed one (a sign-out stays a sign-out).
    /// - Parameters:
    ///   - key: The mapping key.
    ///   - lifetime: The new lifetime.
    /// - Returns: Whether a payload was there.
    public func extendMapping(forKey key: String, lifetime: Duration) async throws -> Bool {
        guard let payload = try await self.mapping(forKey: key) else { return false }
        return try await self.replaceMapping(payload, forKey: key, ifCurrent: payload, lifetime: lifetime)
    }
}
