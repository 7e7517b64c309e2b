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
/// ``RedisClient/Configuration/Cluster/minimumRefreshInterval``. Only a command with no owner to route
/// to waits for a read, which gives up after `connectTimeout + commandTimeout`; the others fail fast
/// and leave the read running. Each read starts at the next candidate, so a node that swallows packets
/// cannot hide the others, and it drops the pools of nodes the cluster no longer names.
///
/// Without TLS, a cluster configured through loopback stays on loopback: a node announcing (or a
/// `MOVED` naming) another address is refused, so neither the password nor the cached Genesys token
/// crosses a network in plaintext because a node said so.
final class RedisClusterRouter: Sendable {
    private enum Refresh {
        case idle(last: NIODeadline?)
        case running(EventLoopFuture<Void>)
    }

    private struct State {
        var map = RedisClusterSlotMap()
        var pools: [RedisEndpoint: RedisConnectionPool] = [:]
        var refresh = Refresh.idle(last: nil)
        var lastReadFailed = false
        var nextCandidate = 0
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
    private let plaintextStaysOnLoopback: Bool
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
        self.plaintextStaysOnLoopback = Self.plaintextStaysOnLoopback(tls: configuration.tls != nil, seeds: seeds)
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.metrics = metrics
    }

    /// Whether every node must be on loopback: no TLS, and only loopback nodes configured. (Configuring
    /// a node beyond loopback without TLS is the operator's explicit choice, `redis.allowPlaintext`.)
    static func plaintextStaysOnLoopback(tls: Bool, seeds: [RedisEndpoint]) -> Bool {
        !tls && seeds.allSatisfy { LoopbackHost.contains($0.host) }
    }

    /// Whether the client may connect to `endpoint`.
    func permits(_ endpoint: RedisEndpoint) -> Bool {
        !self.plaintextStaysOnLoopback || LoopbackHost.contains(endpoint.host)
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
                    self.metrics.redirected(redirect.kind)
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
                case .connectionFailed where !retriedElsewhere, .shutDown where !retriedElsewhere && !self.isShutDown:
                    // The command was never sent (a shut-down pool is one a map read just dropped).
                    // When the map already names another master (a read after the failover), send it
                    // there once; otherwise fail fast, as for one Redis, and read the map for the next
                    // command: waiting for the read here would cost more than a caller should wait.
                    retriedElsewhere = true
                    guard let next = self.lookup(slot), next != target else {
                        self.refreshInBackground()
                        throw error.code == .shutDown ? RedisError(.connectionFailed, "the node left the cluster", command: command.name) : error
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

    private var isShutDown: Bool { self.state.withLock { $0.isShutDown } }

    /// The master for `slot` (any master for a command about no key), waiting for a map read when no
    /// owner is known (at most one read per `minimumRefreshInterval`; in between it fails fast).
    private func target(for slot: Int?) async throws(RedisError) -> RedisEndpoint {
        if let endpoint = self.lookup(slot) { return endpoint }
        try await self.refresh()
        if let endpoint = self.lookup(slot) { return endpoint }
        throw RedisError(.connectionFailed, "no Redis Cluster master is known to serve the key's slot")
    }

    private func lookup(_ slot: Int?) -> RedisEndpoint? {
        self.state.withLock { state in
            if let slot { state.map.owner(of: slot) } else { state.map.masters.first }
        }
    }

    private func pool(for endpoint: RedisEndpoint) throws(RedisError) -> RedisConnectionPool {
        guard self.permits(endpoint) else {
            throw RedisError(.connectionFailed, "refused a plaintext connection to a Redis Cluster node beyond loopback (configure TLS)")
        }
        return try self.state.withLock { state throws(RedisError) -> RedisConnectionPool in
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
        Task { try? await self.refresh() }
    }

    /// Reads the slot map, or waits for the read under way; skips the read when the last one was less
    /// than `minimumRefreshInterval` ago.
    private func refresh() async throws(RedisError) {
        let now = NIODeadline.now()
        let interval = TimeAmount.nanoseconds(self.cluster.minimumRefreshInterval.saturatingNanoseconds)
        let action = self.state.withLock { state -> RefreshAction in
            guard !state.isShutDown else { return .fail(.shutDown) }
            switch state.refresh {
            case .running(let future):
                return .wait(future)
            case .idle(let last):
                if let last, now - last < interval { return .skip }
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
            promise.completeWithTask { try await self.readAndInstallSlotMap() }
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

    /// Reads the map and installs it before the read's future completes, so every waiter sees it;
    /// drops the pools of nodes the map no longer names.
    private func readAndInstallSlotMap() async throws(RedisError) {
        let result: Result<RedisClusterSlotMap, RedisError>
        do {
            result = .success(try await self.readSlotMap())
        } catch {
            result = .failure(error)
        }
        let (retired, wasFailing) = self.state.withLock { state -> ([RedisConnectionPool], Bool) in
            let wasFailing = state.lastReadFailed
            state.refresh = .idle(last: .now())
            guard case .success(let map) = result else {
                state.lastReadFailed = true
                return ([], wasFailing)
            }
            state.lastReadFailed = false
            state.map = map
            var retired: [RedisConnectionPool] = []
            for (endpoint, pool) in state.pools where !map.masters.contains(endpoint) && !self.seeds.contains(endpoint) {
                retired.append(pool)
                state.pools[endpoint] = nil
            }
            return (retired, wasFailing)
        }
        if !retired.isEmpty {
            Task { for pool in retired { await pool.shutdown() } }
        }
        switch result {
        case .success(let map):
            self.metrics.slotMapReads.increment()
            self.logger.debug("Redis Cluster slot map read", metadata: ["authbridge.redis.masters": "\(map.masters.count)"])
            if wasFailing { self.logger.notice("Redis Cluster slot map read again") }
        case .failure(let error):
            self.metrics.slotMapReadFailures.increment()
            // Once per outage at warning; the reads that follow it (several a second) at debug.
            self.logger.log(
                level: wasFailing ? .debug : .warning,
                "No Redis Cluster node answered CLUSTER SLOTS",
                metadata: ["authbridge.redis.error": "\(error)"]
            )
            throw error
        }
    }

    /// `CLUSTER SLOTS` from the first node that answers, among the masters known and the seeds, starting
    /// one further on each read; gives up after `connectTimeout + commandTimeout`.
    private func readSlotMap() async throws(RedisError) -> RedisClusterSlotMap {
        let (candidates, start) = self.state.withLock { state -> ([RedisEndpoint], Int) in
            var candidates = state.map.masters
            for seed in self.seeds where !candidates.contains(seed) { candidates.append(seed) }
            defer { state.nextCandidate = (state.nextCandidate + 1) % 1_024 }  // small and never negative
            return (candidates, state.nextCandidate)
        }
        let giveUp = NIODeadline.now() + .nanoseconds((self.configuration.connectTimeout + self.configuration.commandTimeout).saturatingNanoseconds)
        var lastError = RedisError(.connectionFailed, "no Redis Cluster node answered in time", command: "CLUSTER")
        for offset in candidates.indices {
            guard NIODeadline.now() < giveUp else { break }
            let endpoint = candidates[(start + offset) % candidates.count]
            do throws(RedisError) {
                let connection = try await self.pool(for: endpoint).connection()
                let deadline = NIODeadline.now() + .nanoseconds(self.configuration.commandTimeout.saturatingNanoseconds)
                let reply = try await connection.send(RedisCommand("CLUSTER", ["SLOTS"]), deadline: min(deadline, giveUp))
                let map = try RedisClusterSlotMap(clusterSlots: reply, queried: endpoint)
                guard map.masters.allSatisfy(self.permits) else {
                    throw RedisError(.connectionFailed, "the cluster names nodes beyond loopback, which need TLS", command: "CLUSTER")
                }
                return map
            } catch {
                if error.code == .shutDown { throw error }
                lastError = error.naming("CLUSTER")
            }
        }
        throw lastError
    }
}
