import AuthBridgeCore
public import Logging
public import Metrics
public import NIOCore
public import NIOPosix
import Tracing

/// A small Redis client on SwiftNIO, for AuthBridge's Redis-backed stores.
///
/// It speaks RESP3 (or RESP2), over TLS when configured, keeps ``Configuration/connectionCount`` connections that concurrent
/// commands share (pipelined), to one Redis or to each master of a Redis Cluster
/// (``Configuration/cluster``), logs in with a password or an ACL user, selects a database, runs Lua
/// scripts with `EVALSHA` (falling back to `EVAL` when Redis answers `NOSCRIPT`), bounds every reply
/// (``RedisReplyLimits``) and every wait (``Configuration/commandTimeout``), and reconnects with
/// backoff after failures. Errors are ``RedisError``s, which never hold a secret.
///
/// No well-kept Swift Redis client resolves on the machines AuthBridge is built on, so this one is
/// deliberately small and its commands are internal: the stores (``RedisTokenCache``,
/// ``RedisReplayStore``, ``RedisOneTimeCodeStore``, ``RedisRefreshTokenStore``) are the API, and a
/// maintained client can replace this one behind them.
///
/// ```swift
/// let redis = RedisClient(
///     configuration: .init(host: "redis.internal", password: Secret(redisPassword)),
///     logger: logger
/// )
/// let replayStore = RedisReplayStore(client: redis)
/// // …
/// await redis.shutdown()
/// ```
public final class RedisClient: Sendable {
    /// The configuration the client was created with.
    public let configuration: Configuration
    private let route: Route
    let logger: Logger
    let metrics: RedisMetrics

    /// Creates a client. It connects on first use, not here.
    /// - Parameters:
    ///   - configuration: Where Redis is, credentials and timeouts.
    ///   - eventLoopGroup: The event loops for the connections.
    ///   - logger: Where the client logs; it never logs a password, key payload or command argument.
    ///   - metricsFactory: Where the connection and error counters go.
    public init(
        configuration: Configuration = Configuration(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger,
        metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) {
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "authbridge.redis"] = "\(configuration.host):\(configuration.port)/\(configuration.database)"
        self.logger = logger
        self.metrics = RedisMetrics(factory: metricsFactory)
        if let cluster = configuration.cluster {
            self.route = .cluster(
                RedisClusterRouter(
                    configuration: configuration, cluster: cluster, eventLoopGroup: eventLoopGroup, logger: logger, metrics: self.metrics)
            )
        } else {
            self.route = .single(
                RedisConnectionPool(configuration: configuration, eventLoopGroup: eventLoopGroup, logger: logger, metrics: self.metrics)
            )
        }
    }

    /// Sends `PING`; for readiness checks.
    /// - Throws: ``RedisError`` if Redis does not answer in time.
    public func ping() async throws(RedisError) {
        _ = try await self.send(RedisCommand("PING"))
    }

    /// Closes every connection. Commands after this fail with ``RedisError/Code/shutDown``.
    public func shutdown() async {
        switch self.route {
        case .single(let pool): await pool.shutdown()
        case .cluster(let router): await router.shutdown()
        }
    }

    /// Sends `command` on a pooled connection and waits for its reply until the command timeout, in a
    /// client span named for the command alone: its arguments are keys and values, which may be secrets.
    func send(_ command: RedisCommand) async throws(RedisError) -> RESPValue {
        try await TracedSpan.run(self.configuration.tracer, command.name, ofKind: .client, failureType: Self.spanFailureType) {
            (span: any Span) async throws(RedisError) -> RESPValue in
            if span.isRecording {
                span.attributes["db.system"] = "redis"
                span.attributes["db.system.name"] = "redis"
                span.attributes["db.operation.name"] = command.name
                span.attributes["db.namespace"] = String(self.configuration.database)
                span.attributes["server.address"] = self.configuration.host
                span.attributes["server.port"] = self.configuration.port
            }
            return try await self.exchange(command)
        }
    }

    /// A failed command's `error.type`: its code (`redis.timeout`).
    static func spanFailureType(_ error: RedisError) -> String {
        "redis.\(error.code)"
    }

    private func exchange(_ command: RedisCommand) async throws(RedisError) -> RESPValue {
        do {
            switch self.route {
            case .single(let pool):
                return try await self.send(command, on: pool)
            case .cluster(let router):
                return try await router.send(command, timeout: self.configuration.commandTimeout)
            }
        } catch {
            let error = error.naming(command.name)
            self.metrics.failed(error)
            if error.code != .serverError {
                self.logger.debug("Redis command failed", metadata: ["authbridge.redis.error": "\(error)"])
            }
            throw error
        }
    }

    private func send(_ command: RedisCommand, on pool: RedisConnectionPool) async throws(RedisError) -> RESPValue {
        let connection = try await pool.connection()
        let deadline = NIODeadline.now() + .nanoseconds(self.configuration.commandTimeout.saturatingNanoseconds)
        do {
            return try await connection.send(command, deadline: deadline)
        } catch {
            // READONLY: the address now leads to a replica, after a failover behind a name that follows
            // the primary (Sentinel's, a proxy's). New connections find the new primary.
            if error.serverErrorPrefix == "READONLY" { pool.retireConnections() }
            throw error
        }
    }

    /// Runs `script` with `EVALSHA`, and with `EVAL` (which also caches it) when Redis does not know it.
    func evaluate(_ script: RedisScript, keys: [String], arguments: [[UInt8]] = []) async throws(RedisError) -> RESPValue {
        do {
            return try await self.send(Self.scriptCommand("EVALSHA", script.sha1, keys: keys, arguments: arguments))
        } catch  where error.code == .serverError && error.serverErrorPrefix == "NOSCRIPT" {
            return try await self.send(Self.scriptCommand("EVAL", script.source, keys: keys, arguments: arguments))
        }
    }

    private static func scriptCommand(_ name: String, _ body: String, keys: [String], arguments: [[UInt8]]) -> RedisCommand {
        var command = RedisCommand(name, [body, String(keys.count)])
        for key in keys { command.append(key) }
        for argument in arguments { command.append(bytes: argument) }
        return command
    }

    /// Where commands go: one Redis's pool, or the cluster's router.
    private enum Route: Sendable {
        case single(RedisConnectionPool)
        case cluster(RedisClusterRouter)
    }
}
