public import AuthBridgeCore
public import NIOSSL
public import Tracing

extension RedisClient {
    /// Where Redis is, how to log in, and how long to wait for it.
    ///
    /// The defaults suit a Redis next to the application: a command that gets no reply within 250 ms
    /// fails with ``RedisError/Code/timeout``, and the stores' callers fall back (the broker fetches from
    /// its provider itself) rather than make a customer wait for a slow Redis.
    public struct Configuration: Sendable {
        /// The server's host name or address.
        public var host: String
        /// The server's port.
        public var port: Int
        /// The ACL user, or `nil` for Redis's `default` user.
        public var username: String?
        /// The password (`requirepass` or the ACL user's), or `nil` when Redis asks for none. Never logged.
        public var password: Secret?
        /// The database `SELECT`ed on every connection; 0 sends no `SELECT`.
        public var database: Int
        /// RESP3 (`HELLO 3`, the default) or RESP2 (for servers older than Redis 6).
        public var protocolVersion: ProtocolVersion
        /// How long one command may wait for its reply, once it has a connection.
        public var commandTimeout: Duration
        /// How long connecting may take, handshake (`HELLO`/`AUTH`, `SELECT`) included. A command that
        /// needs a new connection therefore waits at most `connectTimeout + commandTimeout`.
        public var connectTimeout: Duration
        /// How many connections the client keeps; commands share them, pipelined.
        public var connectionCount: Int
        /// How long to wait before connecting again after a failed attempt.
        public var reconnectBackoff: Backoff
        /// Bounds on each reply.
        public var replyLimits: RedisReplyLimits
        /// TLS settings (swift-nio-ssl), or `nil` (the default) for plain TCP. Use
        /// `TLSConfiguration.makeClientConfiguration()` and set `trustRoots` to your Redis's CA when it is
        /// not a public one; add `certificateChain` and `privateKey` when Redis asks for client
        /// certificates (`tls-auth-clients yes`).
        public var tls: TLSConfiguration?
        /// The name the server's certificate must carry (and the TLS SNI); `nil` uses ``host`` unless it
        /// is an IP address, in which case the certificate is checked against the address.
        public var tlsServerName: String?
        /// The tracer of each command's client span (named for the command, `GET` or `EVALSHA`, with
        /// `db.system` `redis`, the database and the server; never a key, an argument or a reply).
        /// `nil`: no spans.
        public var tracer: (any Tracer)?
        /// Redis Cluster settings, or `nil` (the default) for one Redis, or a primary with replicas.
        public var cluster: Cluster?

        /// Creates a configuration.
        /// - Parameters:
        ///   - host: The server's host name or address.
        ///   - port: The server's port.
        ///   - username: The ACL user, or `nil` for `default`.
        ///   - password: The password, or `nil`.
        ///   - database: The database to select.
        ///   - protocolVersion: RESP3 or RESP2.
        ///   - commandTimeout: How long one command may wait for its reply.
        ///   - connectTimeout: How long connecting and the handshake may take.
        ///   - connectionCount: How many connections to keep (at least 1).
        ///   - reconnectBackoff: The wait between failed connection attempts.
        ///   - replyLimits: Bounds on each reply.
        ///   - tls: TLS settings, or `nil` for plain TCP.
        ///   - tlsServerName: The name the server's certificate must carry; `nil` uses `host`.
        ///   - tracer: The tracer of the command spans; default the one `InstrumentationSystem` has now (the
        ///     bootstrapped one, or one bound with `withTracer`), so bootstrap before creating this.
        ///   - cluster: Redis Cluster settings, or `nil` for one Redis.
        public init(
            host: String = "127.0.0.1",
            port: Int = 6379,
            username: String? = nil,
            password: Secret? = nil,
            database: Int = 0,
            protocolVersion: ProtocolVersion = .resp3,
            commandTimeout: Duration = .milliseconds(250),
            connectTimeout: Duration = .milliseconds(500),
            connectionCount: Int = 2,
            reconnectBackoff: Backoff = Backoff(),
            replyLimits: RedisReplyLimits = RedisReplyLimits(),
            tls: TLSConfiguration? = nil,
            tlsServerName: String? = nil,
            tracer: (any Tracer)? = InstrumentationSystem.tracer,
            cluster: Cluster? = nil
        ) {
            self.host = host
            self.port = port
            self.username = username
            self.password = password
            self.database = database
            self.protocolVersion = protocolVersion
            self.commandTimeout = commandTimeout
            self.connectTimeout = connectTimeout
            self.connectionCount = max(connectionCount, 1)
            self.reconnectBackoff = reconnectBackoff
            self.replyLimits = replyLimits
            self.tls = tls
            self.tlsServerName = tlsServerName
            self.tracer = tracer
            self.cluster = cluster
        }
    }
}

extension RedisClient.Configuration {
    /// The RESP version the client speaks.
    public struct ProtocolVersion: Sendable, Hashable, CustomStringConvertible {
        enum Base: Sendable, Hashable {
            case resp2
            case resp3
        }

        let base: Base

        /// RESP2: `AUTH` to log in; works with every Redis.
        public static let resp2 = ProtocolVersion(base: .resp2)
        /// RESP3: `HELLO 3` to log in; Redis 6 or later.
        public static let resp3 = ProtocolVersion(base: .resp3)

        /// `resp2` or `resp3`.
        public var description: String { self.base == .resp2 ? "resp2" : "resp3" }
    }

    /// Exponential backoff between failed connection attempts.
    ///
    /// While a connection slot backs off, commands routed to it fail at once with
    /// ``RedisError/Code/connectionFailed`` instead of waiting: a Redis that is down costs callers
    /// nothing but the fallback. The first command after the wait connects again, so the client
    /// recovers without a restart.
    public struct Backoff: Sendable, Hashable {
        /// The wait after the first failure.
        public var initial: Duration
        /// The longest wait.
        public var maximum: Duration

        /// Creates a backoff.
        /// - Parameters:
        ///   - initial: The wait after the first failure; it doubles with each further failure.
        ///   - maximum: The longest wait.
        public init(initial: Duration = .milliseconds(50), maximum: Duration = .seconds(2)) {
            self.initial = max(initial, .zero)
            self.maximum = max(maximum, self.initial)
        }

        /// The wait after `failures` consecutive failures (at least 1).
        func delay(afterFailures failures: Int) -> Duration {
            // The package's one backoff rule (RetryPolicy's ceiling), without jitter: replicas reconnect
            // at most every `maximum`, and one Redis coming back sees a few connections, not a storm.
            RetryPolicy(maximumAttempts: .max, initialBackoff: self.initial, maximumBackoff: self.maximum).ceiling(afterAttempt: failures)
        }
    }
}
