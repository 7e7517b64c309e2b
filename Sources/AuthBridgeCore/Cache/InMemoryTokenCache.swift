import Synchronization

/// A ``TokenCache`` in process memory: bounded, least-recently-used eviction, never returns an expired
/// token.
///
/// At most ``maximumEntries`` tokens are kept; storing one more evicts the least recently read or
/// written. Expired entries are dropped when read. All operations are synchronous under a lock; the
/// `async` signatures come from the protocol.
public final class InMemoryTokenCache<Key: Hashable & Sendable, C: Clock>: TokenCache, Sendable
where C.Duration == Duration {
    private struct Entry {
        var token: AccessToken
        var expiresAt: C.Instant
    }

    private let clock: C
    private let table: Mutex<LRUTable<Key, Entry>>

    /// The most tokens the cache holds.
    public let maximumEntries: Int

    /// Creates a cache.
    /// - Parameters:
    ///   - maximumEntries: The most tokens to hold (at least 1).
    ///   - clock: The time source for expiry.
    public init(maximumEntries: Int, clock: C) {
        self.clock = clock
        self.maximumEntries = max(maximumEntries, 1)
        self.table = Mutex(LRUTable(capacity: maximumEntries))
    }

    /// How many tokens are held now, expired ones not yet dropped included.
    public var count: Int {
        self.table.withLock { $0.count }
    }

    /// The token for `key` with its remaining lifetime, if it has not expired.
    /// - Parameter key: The key.
    /// - Returns: The token, or `nil`.
    public func token(for key: Key) async throws -> AccessToken? {
        let now = self.clock.now
        let entry = self.table.withLock { table -> Entry? in
            guard let entry = table.get(key) else { return nil }
            if now < entry.expiresAt { return entry }
            table.remove(key)
            return nil
        }
        return entry.map { $0.token.withExpiresIn(now.duration(to: $0.expiresAt)) }
    }

    /// Stores `token` for `key` until `expiresIn` has passed; zero or less removes the entry.
    /// - Parameters:
    ///   - token: The token.
    ///   - key: The key.
    ///   - expiresIn: How long to keep it.
    public func set(_ token: AccessToken, for key: Key, expiresIn: Duration) async throws {
        let now = self.clock.now
        self.table.withLock { table in
            if expiresIn <= .zero {
                table.remove(key)
            } else {
                table.set(Entry(token: token, expiresAt: now.advanced(by: expiresIn)), for: key)
            }
        }
    }

    /// Removes the token for `key`, if any.
    /// - Parameter key: The key.
    public func removeToken(for key: Key) async throws {
        self.table.withLock { _ = $0.remove(key) }
    }
}

extension InMemoryTokenCache where C == ContinuousClock {
    /// Creates a cache on `ContinuousClock`.
    /// - Parameter maximumEntries: The most tokens to hold (at least 1).
    public convenience init(maximumEntries: Int) {
        self.init(maximumEntries: maximumEntries, clock: ContinuousClock())
    }
}
