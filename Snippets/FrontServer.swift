// The HTTP front on its own: AuthBridgeServer's examples, compiled.
import AuthBridgeServer
import Logging
import Metrics
import Prometheus

// snippet.hide
let logger = Logger(label: "snippet")
func run(
    bridge: SessionBridge, provider: OpenIDProvider, broker: TokenBroker<GenesysOAuthClient, ContinuousClock>,
    genesysHandle: TokenBroker<GenesysOAuthClient, ContinuousClock>.Handle
) async throws {
    // snippet.show
    let registry = PrometheusCollectorRegistry()
    MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))  // once, in the executable
    let server = AuthBridgeHTTPServer(
        configuration: .init(
            host: "0.0.0.0", port: 8080,
            cors: CORSPolicy(allowedOrigins: ["https://shop.example.com"])),
        bridge: BridgeRoutes(bridge: bridge),
        openID: OpenIDRoutes(provider: provider),
        readiness: ReadinessLatch { _ = try await genesysHandle.token() }.isReady,
        metricsRegistry: registry,
        services: [broker],  // stopped after the server has drained
        logger: logger
    )
    try await server.runService()  // SIGTERM/SIGINT: in-flight requests finish, then the services stop
    // snippet.hide
}

func test(bridge: SessionBridge) async throws {
    // snippet.show
    let running = try await AuthBridgeHTTPServer(configuration: .init(port: 0), logger: logger) { router in
        BridgeRoutes(bridge: bridge).register(on: router)
    }.start()
    // … requests to running.baseURL …
    try await running.stop()
    // snippet.hide
}
