public import AuthBridgeCore

/// A `SessionMappingStore` in Redis: every replica maps a Zendesk session to the same Genesys
/// conversation.
///
/// Each mapping is one key, `<prefix>mapping:<key>` (the bridge's key is already a keyed hash of the
/// session), holding the sealed payload with a `PX` expiry. Insert-if-absent is a Lua script, so of two
/// replicas racing for one session exactly one payload is stored and both get it back.
public final class RedisSessionMappingStore: SessionMappingStore, Sendable {
    private static let insertScript = RedisScript(
        """
        local v = redis.call('GET', KEYS[1])
        if v then return v end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return ARGV[1]
        """
    )

    private static let replaceScript = RedisScript(
        """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
          return 1
        end
        return 0
        """
    )
    private static let removeScript = RedisScript(
        """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('DEL', KEYS[1])
          return 1
        end
        return 0
        """
    )

    private let client: RedisClient
    private let key: RedisKeyPrefix

    /// Creates a store.
    /// - Parameters:
    ///   - client: The Redis client.
    ///   - keyPrefix: Prepended to every key, to share one Redis between applications.
    public init(client: RedisClient, keyPrefix: String = "authbridge:") {
        self.client = client
        self.key = RedisKeyPrefix(keyPrefix, store: "mapping")
    }

    /// The payload under `key`, or `nil`.
    /// - Throws: ``RedisError`` when Redis does not answer in time.
    public func mapping(forKey key: String) async throws -> [UInt8]? {
        let reply = try await self.client.send(RedisCommand("GET", [self.key(key)]))
        if case .null = reply { return nil }
        guard let bytes = reply.bytes else { throw RedisReplyReading.unexpected("GET") }
        return bytes
    }

    /// Stores `payload` unless a payload is under `key`; returns what is stored afterwards.
    /// - Throws: ``RedisError`` when Redis does not answer in time.
    public func insertIfAbsent(_ payload: [UInt8], forKey key: String, lifetime: Duration) async throws -> [UInt8] {
        let reply = try await self.client.evaluate(
            Self.insertScript,
            keys: [self.key(key)],
            arguments: [payload, Array(String(max(RedisReplyReading.milliseconds(lifetime), 1)).utf8)]
        )
        guard let bytes = reply.bytes else { throw RedisReplyReading.unexpected("EVALSHA") }
        return bytes
    }

    /// Replaces the payload under `key` if it is still `expected` (a Lua script: atomic).
    /// - Throws: ``RedisError`` when Redis does not answer in time.
    public func replaceMapping(_ payload: [UInt8], forKey key: String, ifCurrent expected: [UInt8], lifetime: Duration) async throws -> Bool {
        let reply = try await self.client.evaluate(
            Self.replaceScript,
            keys: [self.key(key)],
            arguments: [expected, payload, Array(String(max(RedisReplyReading.milliseconds(lifetime), 1)).utf8)]
        )
        return reply.integer == 1
    }

    /// Removes the payload under `key` if it is still `expected` (a Lua script: atomic).
    /// - Throws: ``RedisError`` when Redis does not answer in time.
    public func removeMapping(forKey key: String, ifCurrent expected: [UInt8]) async throws -> Bool {
        let reply = try await self.client.evaluate(Self.removeScript, keys: [self.key(key)], arguments: [expected])
        return reply.integer == 1
    }

    /// Gives the payload under `key` a new lifetime (`PEXPIRE`); never recreates a removed one.
    /// - Throws: ``RedisError`` when Redis does not answer in time.
    public func extendMapping(forKey key: String, lifetime: Duration) async throws -> Bool {
        let reply = try await self.client.send(
            RedisCommand("PEXPIRE", [self.key(key), String(max(RedisReplyReading.milliseconds(lifetime), 1))]))
        return reply.integer == 1
    }

    /// Forgets the mapping under `key`.
    /// - Throws: ``RedisError`` when Redis does not answer in time.
    public func removeMapping(forKey key: String) async throws {
        _ = try await self.client.send(RedisCommand("DEL", [self.key(key)]))
    }
}
