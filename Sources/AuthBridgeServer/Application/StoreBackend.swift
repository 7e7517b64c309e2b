public import AuthBridgeCore
public import AuthBridgeRedis
public import Logging

/// Where the state replicas share lives: this process's memory, or one Redis every replica uses.
///
/// Every store an ``AuthBridgeApplication`` needs comes from here (the SSO replay store, Messenger's codes
/// and refresh tokens, the session mappings, and the token brokers' shared fetch), so choosing Redis is
/// one decision rather than one per store, and a new store is added in one place.
///
/// ```swift
/// let stores = StoreBackend.redis(RedisClient(configuration: .init(host: "redis.internal"), logger: logger))
/// let replay = stores.replayStore()
/// ```
public struct StoreBackend: Sendable {
    private enum Backing: Sendable {
        case inMemory
        case redis(RedisClient, keyPrefix: String)
    }

    private let backing: Backing

    /// Every store in this process's memory: nothing is shared between replicas.
    public static var inMemory: StoreBackend { StoreBackend(backing: .inMemory) }

    /// Every store in one Redis, its keys prefixed.
    /// - Parameters:
    ///   - client: The Redis client; whoever made it shuts it down.
    ///   - keyPrefix: Prepended to every key; default `authbridge:`.
    public static func redis(_ client: RedisClient, keyPrefix: String = "authbridge:") -> StoreBackend {
        StoreBackend(backing: .redis(client, keyPrefix: keyPrefix))
    }

    /// The SSO JWT replay store (`jti` seen before).
    public func replayStore() -> any ReplayStore {
        switch self.backing {
        case .inMemory: InMemoryReplayStore(maximumEntries: 100_000)
        case .redis(let client, let prefix): RedisReplayStore(client: client, keyPrefix: prefix)
        }
    }

    /// Messenger's single-use authorization codes.
    public func oneTimeCodeStore() -> any OneTimeCodeStore {
        switch self.backing {
        case .inMemory: InMemoryOneTimeCodeStore()
        case .redis(let client, let prefix): RedisOneTimeCodeStore(client: client, keyPrefix: prefix)
        }
    }

    /// Messenger's refresh tokens.
    public func refreshTokenStore() -> any RefreshTokenStore {
        switch self.backing {
        case .inMemory: InMemoryRefreshTokenStore()
        case .redis(let client, let prefix): RedisRefreshTokenStore(client: client, keyPrefix: prefix)
        }
    }

    /// The sealed session-to-conversation mappings.
    public func sessionMappingStore() -> any SessionMappingStore {
        switch self.backing {
        case .inMemory: InMemorySessionMappingStore()
        case .redis(let client, let prefix): RedisSessionMappingStore(client: client, keyPrefix: prefix)
        }
    }

    /// What lets brokers in different replicas make one provider call per token lifetime between them;
    /// `nil` in memory (each broker fetches for its own process).
    /// - Parameters:
    ///   - keyType: The broker's key type.
    ///   - logger: Where the coordinator logs degradation (never a token).
    public func tokenCoordinator<Key: CustomStringConvertible & Hashable & Sendable>(
        for keyType: Key.Type = Key.self,
        logger: Logger
    ) -> (any SharedFetchCoordinator<Key>)? {
        guard case .redis(let client, let prefix) = self.backing else { return nil }
        return RedisTokenCache<Key>(client: client, configuration: .init(keyPrefix: prefix), logger: logger)
    }
}
