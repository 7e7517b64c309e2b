public import AuthBridgeCore

/// A `ReplayStore` in Redis, shared by every replica: an identifier accepted by one is refused by all.
///
/// Each identifier is one key, `<prefix>replay:<id>`, written with `SET … NX PX`, so recording and the
/// check are one atomic command and Redis forgets the identifier when it expires. Unlike the in-memory
/// store it has no entry bound of its own; size Redis (`maxmemory` with a `volatile-*` policy) for
/// the identifiers' lifetimes.
///
/// When Redis cannot answer, ``insertIfAbsent(_:expiresIn:)`` throws a ``RedisError``; callers treat
/// that as a rejection (the SSO validator does), so the store fails closed.
public final class RedisReplayStore: ReplayStore, Sendable {
    private let client: RedisClient
    private let key: RedisKeyPrefix

    /// Creates a store.
    /// - Parameters:
    ///   - client: The Redis client.
    ///   - keyPrefix: Prepended to every key, to share one Redis between applications.
    public init(client: RedisClient, keyPrefix: String = "authbridge:") {
        self.client = client
        self.key = RedisKeyPrefix(keyPrefix, store: "replay")
    }

    /// Records `id` until `expiresIn` has passed unless it is already recorded; atomically, across replicas.
    /// - Parameters:
    ///   - id: The identifier (or its hash, when it is a secret).
    ///   - expiresIn: How long to remember it (at least a millisecond).
    /// - Returns: `true` if `id` was new, `false` for a replay.
    /// - Throws: ``RedisError`` when Redis does not answer in time.
    public func insertIfAbsent(_ id: String, expiresIn: Duration) async throws -> Bool {
        var command = RedisCommand("SET", [self.key(id), "1", "NX", "PX"])
        command.append(max(RedisReplyReading.milliseconds(expiresIn), 1))
        switch try await self.client.send(command) {
        case .simpleString: return true
        case .null: return false
        default: throw RedisReplyReading.unexpected("SET")
        }
    }
}
