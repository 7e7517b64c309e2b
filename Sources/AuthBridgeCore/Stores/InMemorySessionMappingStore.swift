import Synchronization

/// A ``SessionMappingStore`` in process memory, bounded by ``maximumEntries``.
///
/// Expired mappings are purged before each insert; when full of unexpired mappings the store fails
/// closed with ``AuthBridgeError/Code/storeFull`` rather than forgetting a live session's conversation.
public final class InMemorySessionMappingStore<C: Clock>: SessionMappingStore, Sendable where C.Duration == Duration {
    private let clock: C
    /// Times in the table count from here (see ``ExpiringTable``).
    private let origin: C.Instant
    private let state = Mutex(ExpiringTable<[UInt8]>())

    /// The most mappings held at once.
    public let maximumEntries: Int

    /// Creates a store.
    /// - Parameters:
    ///   - maximumEntries: The most mappings to hold (at least 1).
    ///   - clock: The time source for expiry.
    public init(maximumEntries: Int = 100_000, clock: C) {
        self.maximumEntries = max(maximumEntries, 1)
        self.clock = clock
        self.origin = clock.now
    }

    /// The unexpired payload under `key`.
    public func mapping(forKey key: String) async throws -> [UInt8]? {
        let now = self.origin.duration(to: self.clock.now)
        return self.state.withLock { $0.value(forKey: key, now: now) }
    }

    /// Stores `payload` unless an unexpired one is under `key`; returns what is stored afterwards.
    /// - Throws: ``AuthBridgeError/Code/storeFull`` when full of unexpired mappings.
    public func insertIfAbsent(_ payload: [UInt8], forKey key: String, lifetime: Duration) async throws -> [UInt8] {
        let now = self.origin.duration(to: self.clock.now)
        let maximumEntries = self.maximumEntries
        return try self.state.withLock { table in
            table.purge(now: now)
            guard table.count < maximumEntries else {
                if let existing = table.value(forKey: key, now: now) { return existing }
                throw AuthBridgeError(.storeFull, kind: .transient, reason: "the session mapping store holds \(maximumEntries) unexpired mappings")
            }
            return table.insertIfAbsent(payload, forKey: key, now: now, expiresAt: now + max(lifetime, .zero)) ?? payload
        }
    }

    /// Replaces the payload under `key` if it is still `expected`, atomically.
    public func replaceMapping(_ payload: [UInt8], forKey key: String, ifCurrent expected: [UInt8], lifetime: Duration) async throws -> Bool {
        let now = self.origin.duration(to: self.clock.now)
        return self.state.withLock { table in
            guard table.value(forKey: key, now: now) == expected else { return false }
            table.remove(forKey: key)
            return table.insertIfAbsent(payload, forKey: key, now: now, expiresAt: now + max(lifetime, .zero)) == nil
        }
    }

    /// Removes the payload under `key` if it is still `expected`, atomically.
    public func removeMapping(forKey key: String, ifCurrent expected: [UInt8]) async throws -> Bool {
        let now = self.origin.duration(to: self.clock.now)
        return self.state.withLock { table in
            guard table.value(forKey: key, now: now) == expected else { return false }
            table.remove(forKey: key)
            return true
        }
    }

    /// Gives the payload under `key` a new lifetime, atomically; never recreates a removed one.
    public func extendMapping(forKey key: String, lifetime: Duration) async throws -> Bool {
        let now = self.origin.duration(to: self.clock.now)
        return self.state.withLock { table in
            guard let payload = table.value(forKey: key, now: now) else { return false }
            table.remove(forKey: key)
            return table.insertIfAbsent(payload, forKey: key, now: now, expiresAt: now + max(lifetime, .zero)) == nil
        }
    }

    /// Forgets the mapping under `key`.
    public func removeMapping(forKey key: String) async throws {
        self.state.withLock { $0.remove(forKey: key) }
    }

    /// How many mappings are held now.
    public var count: Int { self.state.withLock { $0.count } }
}

extension InMemorySessionMappingStore where C == ContinuousClock {
    /// Creates a store on `ContinuousClock`.
    /// - Parameter maximumEntries: The most mappings to hold (at least 1).
    public convenience init(maximumEntries: Int = 100_000) {
        self.init(maximumEntries: maximumEntries, clock: ContinuousClock())
    }
}
