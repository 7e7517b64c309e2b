public import AuthBridgeCore
public import Logging
public import Metrics

/// A `TokenCache` in Redis shared by every replica, and the `SharedFetchCoordinator` that lets
/// their `TokenBroker`s make one provider call per token lifetime between them.
///
/// ## Deployment
///
/// N replicas of the application each run a `TokenBroker` with this cache as its coordinator, all on
/// one Redis:
///
/// ```swift
/// let shared = RedisTokenCache<GenesysOAuthClient>(client: redis, logger: logger)
/// let broker = TokenBroker(provider: provider, coordinator: shared, logger: logger)  // one fetch per token lifetime, all replicas
/// ```
///
/// Each broker is the in-process front cache: a hit never leaves the process (no network, no
/// allocation), so Redis sees traffic only when a replica has no token or its refresh is due. Then the
/// replica reads Redis; if Redis holds a token with enough life left it takes that one, else it tries
/// to take a lock (`SET <prefix>lock:<key> <random owner> NX PX`). The lock holder calls the provider,
/// publishes the token (`SET <prefix>token:<key> … PX <lifetime>`) and releases the lock with a
/// compare-and-delete script, so only the owner can release it. The others poll the token key every
/// ``Configuration/pollInterval`` for at most ``Configuration/lockWait``,
/// taking over the lock if the holder released it without publishing, and then fetch themselves.
///
/// When Redis fails (down, slow, refusing logins), every operation gives up within the client's
/// command timeout; the coordinator then fetches directly, as a broker without Redis would, logs a
/// warning and counts `authbridge_redis_shared_fetch_fallbacks_total`. Replicas keep serving the
/// tokens they hold throughout, and share again as soon as Redis answers, without a restart.
///
/// Redis holds the bearer token in the clear (a shared cache must hand it back), so protect Redis
/// like the token: `requirepass` or ACL users, a private network, no persistence if you can.
public final class RedisTokenCache<Key: Hashable & Sendable>: TokenCache, Sendable {
    /// Key prefix and the cross-replica fetch policy.
    public struct Configuration: Sendable {
        /// Prepended to every key, to share one Redis between applications.
        public var keyPrefix: String
        /// How long a fetch lock lives if its holder never releases it (a crashed replica). Keep it above
        /// the provider's own request timeout.
        public var lockLifetime: Duration
        /// How long a replica waits for another replica's fetch before fetching itself.
        public var lockWait: Duration
        /// How often a waiting replica looks for the published token.
        public var pollInterval: Duration

        /// Creates a configuration.
        /// - Parameters:
        ///   - keyPrefix: Prepended to every key.
        ///   - lockLifetime: How long an unreleased fetch lock lives.
        ///   - lockWait: How long to wait for another replica's fetch.
        ///   - pollInterval: How often to look for the published token meanwhile.
        public init(
            keyPrefix: String = "authbridge:",
            lockLifetime: Duration = .seconds(10),
            lockWait: Duration = .seconds(2),
            pollInterval: Duration = .milliseconds(50)
        ) {
            self.keyPrefix = keyPrefix
            self.lockLifetime = max(lockLifetime, .milliseconds(1))
            self.lockWait = max(lockWait, .zero)
            self.pollInterval = max(pollInterval, .milliseconds(1))
        }
    }

    let client: RedisClient
    /// The configuration the cache was created with.
    public let configuration: Configuration
    let logger: Logger
    let fallbacks: Counter
    private let name: @Sendable (Key) -> String
    private let tokenKey: RedisKeyPrefix
    private let lockKey: RedisKeyPrefix

    /// Creates a cache whose Redis keys are derived from cache keys by `keyName`.
    /// - Parameters:
    ///   - client: The Redis client.
    ///   - configuration: Key prefix and fetch policy.
    ///   - logger: Where degradation (Redis failing, waits running out) is logged; never a token.
    ///   - metricsFactory: Where the fallback counter goes.
    ///   - keyName: The Redis key part for a cache key; unique per key and never a secret.
    public init(
        client: RedisClient,
        configuration: Configuration = Configuration(),
        logger: Logger,
        metricsFactory: any MetricsFactory = MetricsSystem.factory,
        keyName: @escaping @Sendable (Key) -> String
    ) {
        self.client = client
        self.configuration = configuration
        self.logger = logger
        self.fallbacks = Counter(label: "authbridge_redis_shared_fetch_fallbacks_total", factory: metricsFactory)
        self.name = keyName
        self.tokenKey = RedisKeyPrefix(configuration.keyPrefix, store: "token")
        self.lockKey = RedisKeyPrefix(configuration.keyPrefix, store: "lock")
    }

    /// The token stored for `key` with its remaining lifetime (Redis's `PTTL`), if any.
    /// - Throws: ``RedisError`` when Redis does not answer in time or holds something unreadable.
    public func token(for key: Key) async throws -> AccessToken? {
        try await self.read(self.tokenKey(self.name(key)))
    }

    /// Stores `token` for `key` until `expiresIn` has passed (`SET … PX`); zero or less removes it.
    /// - Throws: ``RedisError`` when Redis does not answer in time.
    public func set(_ token: AccessToken, for key: Key, expiresIn: Duration) async throws {
        try await self.write(token, to: self.tokenKey(self.name(key)), expiresIn: expiresIn)
    }

    /// Removes the token stored for `key`, if any.
    /// - Throws: ``RedisError`` when Redis does not answer in time.
    public func removeToken(for key: Key) async throws {
        _ = try await self.client.send(RedisCommand("DEL", [self.tokenKey(self.name(key))]))
    }

    func redisKeys(for key: Key) -> (token: String, lock: String) {
        let name = self.name(key)
        return (self.tokenKey(name), self.lockKey(name))
    }

    func read(_ redisKey: String) async throws(RedisError) -> AccessToken? {
        let reply = try await self.client.evaluate(TokenCacheScripts.read, keys: [redisKey])
        switch reply {
        case .null, .boolean(false):
            return nil
        case .array(let parts) where parts.count == 2:
            guard let bytes = parts[0].bytes, let milliseconds = parts[1].integer else { break }
            // -1 (no expiry) never happens for keys written here; treat it and -2 as absent.
            guard milliseconds > 0 else { return nil }
            return try TokenCodec.decode(bytes, expiresIn: .milliseconds(milliseconds))
        default:
            break
        }
        throw RedisReplyReading.unexpected("EVALSHA")
    }

    func write(_ token: AccessToken, to redisKey: String, expiresIn: Duration) async throws(RedisError) {
        let milliseconds = RedisReplyReading.milliseconds(expiresIn)
        guard milliseconds > 0 else {
            _ = try await self.client.send(RedisCommand("DEL", [redisKey]))
            return
        }
        var command = RedisCommand("SET", [redisKey])
        command.append(bytes: TokenCodec.encode(token))
        command.append("PX")
        command.append(milliseconds)
        _ = try await self.client.send(command)
    }
}

extension RedisTokenCache where Key: CustomStringConvertible {
    /// Creates a cache whose Redis keys are derived from the keys' `description` (which, for a
    /// `TokenProvider`'s key, never contains a secret).
    /// - Parameters:
    ///   - client: The Redis client.
    ///   - configuration: Key prefix and fetch policy.
    ///   - logger: Where degradation is logged; never a token.
    ///   - metricsFactory: Where the fallback counter goes.
    public convenience init(
        client: RedisClient,
        configuration: Configuration = Configuration(),
        logger: Logger,
        metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) {
        self.init(client: client, configuration: configuration, logger: logger, metricsFactory: metricsFactory) {
            $0.description
        }
    }
}
