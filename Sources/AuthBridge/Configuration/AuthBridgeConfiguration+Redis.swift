import AuthBridgeCore
public import AuthBridgeRedis
import NIOSSL

extension AuthBridgeConfiguration {
    /// The Redis every replica shares: token fetches (one per token lifetime across replicas), the SSO
    /// replay store, codes, refresh tokens and session mappings.
    ///
    /// | key | meaning |
    /// |---|---|
    /// | `redis.host`, `redis.port`, `redis.username`, `redis.password`, `redis.database` | where Redis is and how to log in; port default 6379, database 0–15 |
    /// | `redis.keyPrefix` | prepended to every key; default `authbridge:`; no `{` or `}` |
    /// | `redis.tls`, `redis.tlsServerName`, `redis.tlsCaFile` | TLS to Redis; required for a Redis not on loopback (the shared cache holds the Genesys service token) |
    /// | `redis.allowPlaintext` | `true` accepts plain TCP to a Redis not on loopback |
    /// | `redis.cluster` | `true`: Redis Cluster, found through `redis.host` (then `redis.database` must be 0) |
    /// | `redis.clusterSeeds` | further cluster nodes (`host:port`, comma-separated) to find it through |
    ///
    /// With Redis, `bridge.sealingKey` is required.
    public struct Redis: Sendable {
        /// The client's configuration.
        public var client: RedisClient.Configuration
        /// Prepended to every key; default `authbridge:`.
        public var keyPrefix: String

        /// Creates the section.
        /// - Parameters:
        ///   - client: Where Redis is, how to log in, TLS.
        ///   - keyPrefix: Default `authbridge:`.
        public init(client: RedisClient.Configuration, keyPrefix: String = "authbridge:") {
            self.client = client
            self.keyPrefix = keyPrefix
        }
    }
}

extension AuthBridgeConfiguration.Redis {
    /// Reads the `redis.*` keys, recording every problem in `read`; `nil` without `redis.host`.
    package init?(reading read: inout ConfigurationReading) {
        guard let host = read.string("redis.host") else { return nil }
        let usesTLS = read.optionalBool("redis.tls") ?? false
        var cluster: RedisClient.Configuration.Cluster?
        if read.optionalBool("redis.cluster") == true {
            var seeds: [RedisEndpoint] = []
            for text in read.strings("redis.clusterSeeds") {
                guard let seed = RedisEndpoint(hostAndPort: text), !seed.host.isEmpty else {
                    read.problem("redis.clusterSeeds", "must be host:port entries, comma-separated")
                    continue
                }
                seeds.append(seed)
            }
            cluster = .init(seeds: seeds)
        } else if !read.strings("redis.clusterSeeds").isEmpty {
            read.problem("redis.clusterSeeds", "needs redis.cluster set to true")
        }
        let hosts = [host] + (cluster?.seeds.map(\.host) ?? [])
        if !usesTLS, !hosts.allSatisfy(LoopbackHost.contains), read.optionalBool("redis.allowPlaintext") != true {
            read.problem(
                "redis.tls",
                "must be true for a Redis not on loopback: it holds the Genesys service token (set redis.allowPlaintext to accept that risk)"
            )
        }
        var tls: TLSConfiguration?
        let caFile = read.string("redis.tlsCaFile")
        if usesTLS {
            var settings = TLSConfiguration.makeClientConfiguration()
            if let caFile { settings.trustRoots = .file(caFile) }
            tls = settings
        }
        let database = read.int("redis.database", default: 0, in: 0...15)
        let keyPrefix = read.string("redis.keyPrefix") ?? "authbridge:"
        if keyPrefix.contains("{") || keyPrefix.contains("}") {
            // A brace would become the keys' hash tag and move every store into one slot, or split a
            // refresh-token script's keys across slots.
            read.problem("redis.keyPrefix", "must not contain { or }: the stores place their own hash tags")
        }
        if cluster != nil, database != 0 {
            read.problem("redis.database", "must be 0 with redis.cluster: Redis Cluster has database 0 only")
        }
        self.init(
            client: .init(
                host: host,
                port: read.int("redis.port", default: 6379, in: 1...65_535),
                username: read.string("redis.username"),
                password: read.secret("redis.password", minimumBytes: 1),
                database: database,
                tls: tls,
                tlsServerName: read.string("redis.tlsServerName"),
                cluster: cluster
            ),
            keyPrefix: keyPrefix
        )
    }
}
