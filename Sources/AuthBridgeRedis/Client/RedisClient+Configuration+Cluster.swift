extension RedisClient.Configuration {
    /// Redis Cluster: where to find the cluster and how to follow it.
    ///
    /// The client reads the slot map (`CLUSTER SLOTS`) from the first node that answers among the masters
    /// it knows, ``RedisClient/Configuration/host``:``RedisClient/Configuration/port`` and the ``seeds``
    /// (each read starting one node further, so one that swallows packets cannot hide the others). It
    /// sends each command to the master serving its key's slot (reads too: the stores' scripts write),
    /// follows `MOVED` (and reads the map again) and `ASK` (with `ASKING`), and reads the map again when
    /// a master stops answering, so a failover is followed as soon as the cluster has promoted a replica.
    ///
    /// Every node gets the same credentials and TLS settings. ``RedisClient/Configuration/tlsServerName``
    /// applies to every node: leave it `nil` when each node's certificate names its own address. Without
    /// TLS, a cluster configured through loopback addresses stays on loopback: nodes announced elsewhere
    /// are refused. Redis Cluster has database 0 only: ``RedisClient/Configuration/database`` is not sent.
    public struct Cluster: Sendable, Hashable {
        /// Further nodes to read the slot map from when the configured host does not answer.
        public var seeds: [RedisEndpoint]
        /// How many redirections one command follows before failing with
        /// ``RedisError/Code/tooManyRedirects``.
        public var maximumRedirects: Int
        /// The shortest time between two reads of the slot map, so a storm of `MOVED` or a dead master
        /// costs one `CLUSTER SLOTS`, not one per command.
        public var minimumRefreshInterval: Duration

        /// Creates the settings.
        /// - Parameters:
        ///   - seeds: Further nodes to read the slot map from.
        ///   - maximumRedirects: Redirections one command follows (default 5, at least 1).
        ///   - minimumRefreshInterval: The shortest time between two reads of the slot map (default 100 ms).
        public init(seeds: [RedisEndpoint] = [], maximumRedirects: Int = 5, minimumRefreshInterval: Duration = .milliseconds(100)) {
            self.seeds = seeds
            self.maximumRedirects = max(maximumRedirects, 1)
            self.minimumRefreshInterval = max(minimumRefreshInterval, .zero)
        }
    }
}
