import AuthBridgeCore
import Logging
import Metrics
import NIOCore
import Synchronization

/// Sends each command to the Redis Cluster master that serves its key's slot, and follows the cluster
/// when slots move or a master fails.
///
/// One connection pool per master (opened on demand, exactly as for one Redis) and the slot map sit
/// under a lock. The map is read (`CLUSTER SLOTS`) before the first command, after a `MOVED`, and after
/// a master stops answering; reads are single-flight and at most one per
/// ``RedisClient/Configuration/Cluster/minimumRefreshInterval`` unless a slot has no known owner. Only
/// a command with no map to route by waits for a read; the others fail fast and leave it running.
/// Pools are kept for every endpoint the cluster has named (a cluster has few, and replaces them rarely).
final class RedisClusterRouter: Sendable {
    private enum Refresh {
        case idle(last: NIODeadline?)
        case running(EventLoopFuture<Void>)
    }

    private struct State {
        var map = RedisClusterSlotMap()
        var pools: [RedisEndpoint: RedisConnectionPool] = [:]
        var refresh = Refresh.idle(last: nil)
        var isShutDown = false
    }

    private enum RefreshAction {
        case skip
        case wait(EventLoopFuture<Void>)
        case start(EventLoopPromise<Void>)
        case fail(RedisError)
    }

    private let configuration: RedisClient.Configuration
    private let cluster: RedisClient.Configuration.Cluster
    private let seeds: [RedisEndpoint]
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let metrics: RedisMetrics
    private let state = Mutex(State())

    init(
        configuration: RedisClient.Configuration,
        cluster: RedisClient.Configuration.Cluster,
        eventLoopGroup: any EventLoopGroup,
        logger: Logger,
        metrics: RedisMetrics
    ) {
        self.configuration = configuration
        self.cluster = cluster
        var seeds = [RedisEndpoint(host: configuration.host, port: configuration.port)]
        for seed in cluster.seeds where !seeds.contains(seed) { seeds.append(seed) }
        self.seeds = seeds
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.metrics = metrics
    }

    /// Sends `command` to its slot's master, following up to `maximumRedirects` redirections; each
    /// attempt waits at most `timeout` for its reply once it has a connection.
    func send(_ command: RedisCommand, timeout: Duration) async throws(RedisError) -> RESPValue {
        let slot = command.routingKey.map { RedisHashSlot.slot(of: $0) }
        var target = try await self.target(for: slot)
        var asking = false
        var redirects = 0
        var retriedElsewhere = false
        while true {
            do {
                let connection = try await self.pool(for: target).connection()
                let deadline = NIODeadline.now() + .nanoseconds(timeout.saturatingNanoseconds)
                return try await connection.send(command, deadline: deadline, asking: asking)
            } catch {
                if let redirect = error.redirect {
                    redirects += 1
                    guard redirects <= self.cluster.maximumRedirects else {
                        throw RedisError(.tooManyRedirects, "Redis Cluster kept redirecting the command", command: command.name)
                    }
                    // An empty host is Redis's "the node you asked".
                    let endpoint = redirect.endpoint.host.isEmpty ? RedisEndpoint(host: target.host, port: redirect.endpoint.port) : redirect.endpoint
                    if redirect.kind == .moved {
                        self.state.withLock { $0.map.assign(redirect.slot, to: endpoint) }
                        self.refreshInBackground()
                    }
                    target = endpoint
                    asking = redirect.kind == .ask
                    continue
                }
                switch error.code {
                case .serverError where error.serverErrorPrefix == "TRYAGAIN":
                    // A multi-key command while its slot migrates: Redis asks for a retry shortly.
                    redirects += 1
                    guard redirects <= self.cluster.maximumRedirects else { throw error }
                    try? await Task.sleep(for: .milliseconds(25))
                    continue
                case .serverError where error.serverErrorPrefix == "CLUSTERDOWN":
                    self.refreshInBackground()
                    throw error
                case .connectionFailed where !retriedElsewhere:
                    // The command was never sent. When the map already names another master (a read
                    // after the failover), send it there once; otherwise fail fast, as for one Redis,
                    // and read the map for the next command: waiting for the read here could cost
                    // several connect timeouts, more than a caller should wait for Redis.
                    retriedElsewhere = true
                    guard let next = self.lookup(slot), next != target else {
                        self.refreshInBackground()
                        throw error
                    }
                    target = next
                    asking = false
                    continue
                case .connectionFailed, .connectionClosed, .timeout:
                    self.refreshInBackground()
                    throw error
                default:
                    throw error
                }
            }
        }
    }

    /// Closes every pool; later commands fail with ``RedisError/Code/shutDown``.
    func shutdown() async {
        let pools = self.state.withLock { state in
            state.isShutDown = true
            return Array(state.pools.values)
        }
        for pool in pools { await pool.shutdown() }
    }

    /// The master for `slot` (any master for a command about no key), reading the map when it has none.
    private func target(for slot: Int?) async throws(RedisError) -> RedisEndpoint {
        if let endpoint = self.lookup(slot) { return endpoint }
        try await self.refresh(force: true)
        if let endpoint = self.lookup(slot) { return endpoint }
        throw RedisError(.connectionFailed, "no Redis Cluster master is known to serve the key's slot")
    }

    private func lookup(_ slot: Int?) -> RedisEndpoint? {
        self.state.withLock { state in
            if let slot { state.map.owner(of: slot) } else { state.map.masters.first }
        }
    }

    private func pool(for endpoint: RedisEndpoint) throws(RedisError) -> RedisConnectionPool {
        try self.state.withLock { state throws(RedisError) -> RedisConnectionPool in
            guard !state.isShutDown else { throw RedisError.shutDown }
            if let pool = state.pools[endpoint] { return pool }
            var configuration = self.configuration
            configuration.host = endpoint.host
            configuration.port = endpoint.port
            configuration.database = 0  // the only database Redis Cluster has
            var logger = self.logger
            logger[metadataKey: "authbridge.redis"] = "\(endpoint)"
            let pool = RedisConnectionPool(configuration: configuration, eventLoopGroup: self.eventLoopGroup, logger: logger, metrics: self.metrics)
            state.pools[endpoint] = pool
            return pool
        }
    }

    private func refreshInBackground() {
        Task { try? await self.refresh(force: false) }
    }

    /// Reads the slot map, or waits for the read under way; `force: false` skips a read when the last
    /// one was less than `minimumRefreshInterval` ago.
    private func refresh(force: Bool) async throws(RedisError) {
        let now = NIODeadline.now()
        let interval = TimeAmount.nanoseconds(self.cluster.minimumRefreshInterval.saturatingNanoseconds)
        let action = self.state.withLock { state -> RefreshAction in
            guard !state.isShutDown else { return .fail(.shutDown) }
            switch state.refresh {
            case .running(let future):
                return .wait(future)
            case .idle(let last):
                if !force, let last, now - last < interval { return .skip }
                let promise = self.eventLoopGroup.next().makePromise(of: Void.self)
                state.refresh = .running(promise.futureResult)
                return .start(promise)
            }
        }
        let future: EventLoopFuture<Void>
        switch action {
        case .skip:
            return
        case .fail(let error):
            throw error
        case .wait(let running):
            future = running
        case .start(let promise):
            promise.completeWithTask {
                // The map is in place before the future completes, so every waiter sees it.
                do {
                    let map = try await self.readSlotMap()
                    self.state.withLock {
                        $0.map = map
                        $0.refresh = .idle(last: .now())
                    }
                } catch {
                    self.state.withLock { $0.refresh = .idle(last: .now()) }
                    throw error
                }
            }
            future = promise.futureResult
        }
        do {
            try await future.get()
        } catch let error as RedisError {
            throw error
        } catch {
            throw RedisError(.connectionFailed, "reading the Redis Cluster slot map failed (\(type(of: error)))")
        }
    }

    /// `CLUSTER SLOTS` from the first node that answers: the masters known, then the seeds.
    private func readSlotMap() async throws(RedisError) -> RedisClusterSlotMap {
        var candidates = self.state.withLock { $0.map.masters }
        for seed in self.seeds where !candidates.contains(seed) { candidates.append(seed) }
        var lastError = RedisError(.connectionFailed, "no Redis Cluster node is configured")
        for endpoint in candidates {
            do {
                let connection = try await self.pool(for: endpoint).connection()
                let deadline = NIODeadline.now() + .nanoseconds(self.configuration.commandTimeout.saturatingNanoseconds)
                let reply = try await connection.send(RedisCommand("CLUSTER", ["SLOTS"]), deadline: deadline)
                let map = try RedisClusterSlotMap(clusterSlots: reply, queried: endpoint)
                self.metrics.slotMapReads.increment()
                self.logger.debug("Redis Cluster slot map read", metadata: ["authbridge.redis.masters": "\(map.masters.count)"])
                return map
            } catch {
                if error.code == .shutDown { throw error }
                lastError = error.naming("CLUSTER")
            }
        }
        self.metrics.slotMapReadFailures.increment()
        self.logger.warning("No Redis Cluster node answered CLUSTER SLOTS", metadata: ["authbridge.redis.error": "\(lastError)"])
        throw lastError
    }
}
