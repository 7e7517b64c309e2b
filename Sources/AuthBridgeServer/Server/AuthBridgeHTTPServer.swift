public import Hummingbird
public import Logging
import Metrics
import NIOCore
public import Prometheus
public import ServiceLifecycle
import Tracing
import UnixSignals

/// AuthBridge's HTTP server: your routes behind the front every request passes, the platform's probes
/// and metrics, and the background services that must live and stop with it, in one `ServiceGroup`.
///
/// Every request passes, outermost first: the request span (``Configuration/tracer``),
/// ``RequestIDMiddleware``, ``ClientAddressMiddleware``,
/// ``AccessLogMiddleware``, ``RequestMetricsMiddleware``, ``AllowListCORSMiddleware``,
/// ``ClientRateLimitMiddleware``, ``BodySizeLimitMiddleware``, then the router. So refusals (403, 413,
/// 429) carry CORS headers the page can read, a correlation id, a log line and a count.
///
/// The router also serves `GET /healthz` (200 while the process serves), `GET /readyz` (200 once
/// `readiness` says so, else 503) and `GET /metrics` (Prometheus text of ``metricsRegistry``). Those three
/// are exempt from the rate limit (probes and scrapers call from one address). `GET /openapi.json`
/// answers AuthBridge's OpenAPI 3.1 document for the routes this server serves (turn it off with
/// ``Configuration/servesOpenAPIDocument``); routes you add that it does not describe are left out. `/metrics` names routes
/// and volumes: set ``Configuration/metricsPort`` to serve it on a listener of its own that your ingress
/// does not route to, and not on the public one.
///
/// ```swift
/// let registry = PrometheusCollectorRegistry()
/// MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))   // in the executable only
/// let server = AuthBridgeHTTPServer(
///     configuration: .init(host: "0.0.0.0", port: 8080, cors: CORSPolicy(allowedOrigins: ["https://shop.example.com"])),
///     bridge: BridgeRoutes(bridge: bridge), openID: OpenIDRoutes(provider: provider),
///     readiness: ReadinessLatch { _ = try await genesysHandle.token() }.isReady,
///     metricsRegistry: registry,
///     services: [broker],
///     logger: logger
/// )
/// try await server.runService()   // until SIGTERM or SIGINT
/// ```
///
/// On graceful shutdown `/readyz` answers 503 for ``Configuration/shutdownDrainPeriod`` while every route
/// still serves (so a load balancer polling readiness stops sending traffic first), then the server stops
/// accepting connections and lets requests in progress finish; then the extra services stop, in reverse
/// order of the list.
public struct AuthBridgeHTTPServer: Service {
    /// Where the server listens and how its front treats requests.
    public let configuration: Configuration
    /// The registry `/metrics` serves and the server's own request metrics go to.
    public let metricsRegistry: PrometheusCollectorRegistry
    let router: RouterResponder<AuthBridgeRequestContext>
    /// Every route the router serves, `GET /openapi.json` included.
    package let routes: [OpenAPIDocument.Operation]
    let services: [any Service]
    let logger: Logger
    let drain: ShutdownDrain

    /// Creates a server with the routes `routes` adds.
    /// - Parameters:
    ///   - configuration: Address, CORS, limits.
    ///   - readiness: Whether the server may take traffic, asked by each `GET /readyz`; for example a
    ///     ``ReadinessLatch`` over the broker: ready once the first Genesys token is in its cache. Default
    ///     always ready.
    ///   - metricsRegistry: The registry `/metrics` serves. Bootstrap `MetricsSystem` with a factory over
    ///     the same registry in the executable to publish the broker's and clients' metrics there too; the
    ///     server records its own through an explicit factory, so tests need no global bootstrap.
    ///   - services: Background services run in the same `ServiceGroup`, such as the `TokenBroker`.
    ///   - logger: The server's logger; the access log and the request loggers derive from it.
    ///   - routes: Adds the application's routes to the router.
    public init(
        configuration: Configuration = Configuration(),
        readiness: @escaping @Sendable () async -> Bool = { true },
        metricsRegistry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        services: [any Service] = [],
        logger: Logger,
        routes: (Router<AuthBridgeRequestContext>) -> Void
    ) {
        let router = Router(context: AuthBridgeRequestContext.self)
        let drain = ShutdownDrain(period: configuration.shutdownDrainPeriod)
        OperationsRoutes(
            readiness: { drain.isDraining ? false : await readiness() },
            registry: metricsRegistry,
            servesMetrics: configuration.metricsPort == nil
        ).register(on: router)
        routes(router)
        var operations = router.routes.map { OpenAPIDocument.Operation(method: $0.method.rawValue, path: $0.path.description) }
        if configuration.servesOpenAPIDocument {
            let path = OpenAPIDocument.servedPath
            operations.append(OpenAPIDocument.Operation(method: "GET", path: path))
            // Built once, from what this router serves: the document never names a route that answers 404.
            if let document = OpenAPIDocument.servedBytes(routes: operations) {
                let response = ServerResponses.json(.ok, document)
                router.get(RouterPath(path)) { _, _ in response }
            }
        }
        self.routes = operations
        self.configuration = configuration
        self.metricsRegistry = metricsRegistry
        self.router = router.buildResponder()
        self.services = services
        self.logger = logger
        self.drain = drain
    }

    /// Creates a server for the bridge's routes and the OpenID provider's routes.
    /// - Parameters:
    ///   - configuration: Address, CORS, limits.
    ///   - bridge: The page's routes, if served here.
    ///   - openID: The OpenID provider's routes, if served here.
    ///   - readiness: Whether the server may take traffic; default always ready.
    ///   - metricsRegistry: The registry `/metrics` serves.
    ///   - services: Background services run in the same `ServiceGroup`.
    ///   - logger: The server's logger.
    public init(
        configuration: Configuration = Configuration(),
        bridge: BridgeRoutes?,
        openID: OpenIDRoutes?,
        readiness: @escaping @Sendable () async -> Bool = { true },
        metricsRegistry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        services: [any Service] = [],
        logger: Logger
    ) {
        self.init(configuration: configuration, readiness: readiness, metricsRegistry: metricsRegistry, services: services, logger: logger) {
            router in
            openID?.register(on: router)
            bridge?.register(on: router)
        }
    }

    /// Runs the server and its services until graceful shutdown of the enclosing `ServiceGroup`, or
    /// cancellation.
    public func run() async throws {
        try await self.makeGroup(signals: [], onServerRunning: { _, _ in }).run()
    }

    /// Runs the server and its services until SIGTERM or SIGINT, then shuts down gracefully.
    public func runService() async throws {
        try await self.makeGroup(signals: [.sigterm, .sigint], onServerRunning: { _, _ in }).run()
    }

    /// Starts the server and returns once it listens; for tests and embedding. Use
    /// ``Configuration/port`` `0` for a free port and read it from the result.
    /// - Returns: The running server.
    /// - Throws: The bind error, or ``StartError`` if the server stopped before listening.
    public func start() async throws -> Running {
        let (ports, continuation) = AsyncStream.makeStream(of: (isMetrics: Bool, port: Int).self)
        let listeners = self.configuration.metricsPort == nil ? 1 : 2
        let group = self.makeGroup(signals: []) { isMetrics, channel in
            if let port = channel.localAddress?.port { continuation.yield((isMetrics, port)) }
        }
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var port: Int?
        var metricsPort: Int?
        for await listener in ports {
            if listener.isMetrics { metricsPort = listener.port } else { port = listener.port }
            if [port, metricsPort].compactMap({ $0 }).count == listeners { break }
        }
        if let port, (metricsPort != nil) == (listeners == 2) {
            return Running(host: self.configuration.host, port: port, metricsPort: metricsPort, group: group, task: task)
        }
        await group.triggerGracefulShutdown()
        try await task.value
        throw StartError()
    }

    /// The group of the server, its metrics listener if any, the drain and the services.
    /// `onServerRunning` hears `false` for the main listener, `true` for the metrics one.
    func makeGroup(signals: [UnixSignal], onServerRunning: @escaping @Sendable (Bool, any Channel) async -> Void) -> ServiceGroup {
        var factory = PrometheusMetricsFactory(registry: self.metricsRegistry)
        factory.durationHistogramBuckets[RequestMetricsMiddleware.durationLabel] = [
            .microseconds(500), .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .milliseconds(2500), .seconds(5),
        ]
        let configuration = self.configuration
        let responder = self.router
            .behind(ErrorResponseMiddleware())
            .behind(BodySizeLimitMiddleware(maximumSize: configuration.maximumRequestBodySize))
            .behind(
                OptionalMiddleware(
                    wrapped: configuration.rateLimit.map {
                        ClientRateLimitMiddleware(
                            limiter: ClientRateLimiter(configuration: $0),
                            // With a listener of its own, /metrics is not a route here: no exemption for it.
                            // Genesys's data action calls come from a few egress addresses, authenticated,
                            // once or twice per conversation: a per-address limit would refuse a busy
                            // organization's context, so that route is not limited by address.
                            exemptPaths: (configuration.metricsPort == nil
                                ? OperationsRoutes.paths : OperationsRoutes.paths.subtracting([OperationsRoutes.metricsPath]))
                                .union([MessagingContextRoutes.defaultPath])
                        )
                    }
                )
            )
            .behind(AllowListCORSMiddleware(policy: configuration.cors))
            .behind(RequestMetricsMiddleware(factory: factory))
            .behind(AccessLogMiddleware(level: configuration.accessLogLevel))
            .behind(ClientAddressMiddleware(policy: configuration.clientAddress))
            .behind(RequestIDMiddleware())
            // No tracer bootstrapped (the no-op one): no span, no header parsing, no task-local binding.
            .behind(
                OptionalMiddleware(
                    wrapped: configuration.tracer.flatMap {
                        $0 is NoOpTracer ? nil : RequestTracingMiddleware(tracer: $0, continuesClientTraces: configuration.continuesClientTraces)
                    }))
        // Clamped to 100 ms…1 day: zero would close every connection at once, and the nanoseconds of a
        // huge duration overflow.
        let idleTimeout = configuration.idleTimeout.map { duration in
            let clamped = min(max(duration, .milliseconds(100)), .seconds(86_400))
            return TimeAmount.nanoseconds(clamped.components.seconds * 1_000_000_000 + clamped.components.attoseconds / 1_000_000_000)
        }
        let application = Application(
            responder: responder,
            server: .http1(configuration: .init(idleTimeout: idleTimeout)),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: configuration.serverName
            ),
            onServerRunning: { await onServerRunning(false, $0) },
            logger: self.logger
        )
        var listeners: [any Service] = [application]
        if let metricsPort = configuration.metricsPort {
            // Scrapers only: no front (no CORS, rate limit or access log), and not counted as requests.
            let router = Router()
            OperationsRoutes.registerMetrics(self.metricsRegistry, on: router)
            let metrics = Application(
                router: router,
                configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: metricsPort)),
                onServerRunning: { await onServerRunning(true, $0) },
                logger: self.logger
            )
            // Listed before the server, so it stops after it: scrapers see the drain to the end.
            listeners.insert(metrics, at: 0)
        }
        // The group stops services in reverse order, each after the one before has ended: readiness turns
        // 503 for the drain period, then the server finishes its requests, then the services it uses stop.
        return ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: self.services + listeners + [self.drain],
                gracefulShutdownSignals: signals,
                logger: self.logger
            )
        )
    }
}
