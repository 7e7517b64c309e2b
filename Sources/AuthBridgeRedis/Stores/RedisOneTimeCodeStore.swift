public import AuthBridgeCore

/// A `OneTimeCodeStore` in Redis: a code issued by one replica is redeemed at any other, once.
///
/// Each code is one key, `<prefix>code:<key>`, whose value is a state byte (`0` unused, `1` consumed)
/// followed by the payload, written with `SET … NX PX`. Consumption is a Lua script, so of any number
/// of concurrent consumers across replicas exactly one sees `CodeConsumption.first(_:)`; it marks
/// the code consumed in place (`SETRANGE` keeps the expiry), so later attempts see
/// `CodeConsumption.repeated(_:)` until the code expires, as with `InMemoryOneTimeCodeStore`.
public final class RedisOneTimeCodeStore: OneTimeCodeStore, Sendable {
    private static let consumeScript = RedisScript(
        """
        local v = redis.call('GET', KEYS[1])
        if not v then return false end
        if string.sub(v, 1, 1) == '1' then return {1, string.sub(v, 2)} end
        redis.call('SETRANGE', KEYS[1], 0, '1')
        return {0, string.sub(v, 2)}
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
        self.key = RedisKeyPrefix(keyPrefix, store: "code")
    }

    /// Stores `payload` under `key` for `lifetime` (at least a millisecond); `false` if `key` is present.
    /// - Throws: ``RedisError`` when Redis does not answer in time.
    public func insert(_ payload: [UInt8], forKey key: String, lifetime: Duration) async throws -> Bool {
        var command = RedisCommand("SET", [self.key(key)])
        command.append(bytes: [UInt8(ascii: "0")] + payload)
        command.append("NX")
        command.append("PX")
        command.append(max(RedisReplyReading.milliseconds(lifetime), 1))
        switch try await self.client.send(command) {
        case .simpleString: return true
        case .null: return false
        default: throw RedisReplyReading.unexpected("SET")
        }
    }

    /// Consumes the code under `key`, atomically across replicas.
    /// - Throws: ``RedisError`` when Redis does not answer in time.
    public func consume(_ key: String) async throws -> CodeConsumption {
        let reply = try await self.client.evaluate(Self.consumeScript, keys: [self.key(key)])
        if case .null = reply { return .unknown }
        if case .boolean(false) = reply { return .unknown }
        guard let parts = reply.elements, parts.count == 2, let state = parts[0].integer, let payload = parts[1].bytes else {
            throw RedisReplyReading.unexpected("EVALSHA")
        }
        return state == 0 ? .first(payload) : .repeated(payload)
    }
}
