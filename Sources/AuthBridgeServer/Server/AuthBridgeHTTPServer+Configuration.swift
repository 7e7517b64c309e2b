public import Logging
public import Tracing

extension AuthBridgeHTTPServer {
    /// Where the server listens and how its front treats requests.
    public struct Configuration: Sendable {
        /// The address to bind; default `127.0.0.1` (use `0.0.0.0` in a container).
        public var host: String
        /// The port; `0` picks a free one (tests read it from ``AuthBridgeHTTPServer/Running/port``).
        public var port: Int
        /// The browser origins allowed to call the server.
        public var cors: CORSPolicy
        /// The largest request body accepted anywhere, in bytes; default 64 KiB. Routes may cap lower.
        public var maximumRequestBodySize: Int
        /// The per-client rate limit; `nil` turns it off. The probes and `/metrics` are never limited.
        public var rateLimit: ClientRateLimiter.Configuration?
        /// How clients are told apart; default the TCP peer (no `X-Forwarded-For`).
        public var clientAddress: ClientAddressPolicy
        /// The level of the access log lines; default `info`.
        public var accessLogLevel: Logger.Level
        /// The `Server` header, if any; default none.
        public var serverName: String?
        /// How long `/readyz` answers 503 at graceful shutdown before the listener closes, while every
        /// route still serves; default zero. Load balancers and proxies learn that a replica is going away
        /// only after a delay (Kubernetes removes a terminating pod from its endpoints, but every node and
        /// ingress picks that up a few seconds later; a load balancer that polls readiness needs its poll
        /// interval times its failure threshold): set the period to cover that delay (5–10 s is usual
        /// under Kubernetes, with `terminationGracePeriodSeconds` above it), so no request meets a closed
        /// port during a rollout. A second SIGTERM does not cut the drain short.
        public var shutdownDrainPeriod: Duration
        /// How long a connection may sit without a complete request part (head, body chunk, end) before it
        /// is closed; `nil` never closes one; kept within 100 ms…1 day. A request being answered is never
        /// cut off. Default 75 s: it ends connections that trickle a request or send nothing (which the
        /// rate limit, counting whole requests, never sees), and stays above the 60 s idle timeout of
        /// common load balancers, which must close an idle connection before the server does; behind one
        /// that keeps connections longer (Google Cloud's keeps them 600 s), set it above that.
        public var idleTimeout: Duration?
        /// A port of its own for `GET /metrics`, on the same host, and then not on the main port; `0` picks
        /// a free one. Default none: `/metrics` is on the main port. Set it when the main port is public,
        /// as the metrics name routes and volumes.
        public var metricsPort: Int?
        /// Whether `GET /openapi.json` answers the OpenAPI 3.1 document of the routes served; default
        /// `true`. It names only routes that are public anyway; turn it off if your application serves
        /// that path itself. The document describes AuthBridge's routes at their default paths (the
        /// OpenID routes under any issuer path); routes mounted elsewhere, and your own, are left out.
        public var servesOpenAPIDocument: Bool
        /// The tracer of the request spans (outermost): the trace context is extracted from the request's
        /// headers (W3C `traceparent` with a W3C tracer), the span is named for the matched route and
        /// records only the method, the route and the status (never the raw path, the query or a header),
        /// and the tracer is bound (`withTracer`) while the route runs. `nil`, or the no-op tracer: no
        /// request spans, and no cost.
        public var tracer: (any Tracer)?
        /// Whether a request's trace context (W3C `traceparent`) is the parent of its request span, and so
        /// passed on to Zendesk and Genesys; default `true`, as W3C Trace Context intends. On a listener
        /// the public reaches directly, set it to `false`: the request span then starts a trace of the
        /// server's and only links the client's, so no client chooses the trace id sent on or forces
        /// sampling with the flags.
        public var continuesClientTraces: Bool

        /// Creates a configuration.
        /// - Parameters:
        ///   - host: Default `127.0.0.1`.
        ///   - port: Default 8080.
        ///   - cors: Default no browser origin.
        ///   - maximumRequestBodySize: Default 64 KiB.
        ///   - rateLimit: Default 10 requests/s per client, burst 40.
        ///   - clientAddress: Default the TCP peer.
        ///   - accessLogLevel: Default `info`.
        ///   - serverName: Default none.
        ///   - shutdownDrainPeriod: Default zero.
        ///   - idleTimeout: Default 75 s.
        ///   - metricsPort: Default none (`/metrics` on the main port).
        ///   - servesOpenAPIDocument: Default `true`.
        ///   - tracer: Default the one `InstrumentationSystem` has now (the bootstrapped one, or one bound with
        ///     `withTracer`); `nil` for no request spans.
        ///   - continuesClientTraces: Default `true`.
        public init(
            host: String = "127.0.0.1",
            port: Int = 8080,
            cors: CORSPolicy = CORSPolicy(),
            maximumRequestBodySize: Int = 64 << 10,
            rateLimit: ClientRateLimiter.Configuration? = ClientRateLimiter.Configuration(),
            clientAddress: ClientAddressPolicy = .peer,
            accessLogLevel: Logger.Level = .info,
            serverName: String? = nil,
            shutdownDrainPeriod: Duration = .zero,
            idleTimeout: Duration? = .seconds(75),
            metricsPort: Int? = nil,
            servesOpenAPIDocument: Bool = true,
            tracer: (any Tracer)? = InstrumentationSystem.tracer,
            continuesClientTraces: Bool = true
        ) {
            self.host = host
            self.port = port
            self.cors = cors
            self.maximumRequestBodySize = maximumRequestBodySize
            self.rateLimit = rateLimit
            self.clientAddress = clientAddress
            self.accessLogLevel = accessLogLevel
            self.serverName = serverName
            self.shutdownDrainPeriod = shutdownDrainPeriod
            self.idleTimeout = idleTimeout
            self.metricsPort = metricsPort
            self.servesOpenAPIDocument = servesOpenAPIDocument
            self.tracer = tracer
            self.continuesClientTraces = continuesClientTraces
        }
    }
}
