public import AuthBridge
public import Configuration
public import Logging
public import ServiceLifecycle

/// Runs an ``AuthBridgeApplication`` behind the ``AuthBridgeHTTPServer`` front (CORS allow-list,
/// body cap, per-client rate limit, access log, `/healthz`, `/readyz`, `/metrics`) until SIGTERM or
/// SIGINT: in-flight requests finish, then the brokers' background refresh stops.
public struct AuthBridgeServerRunner: Sendable {
    let application: AuthBridgeApplication
    package let server: AuthBridgeHTTPServer

    /// Creates a runner.
    /// - Parameters:
    ///   - application: What to serve.
    ///   - configuration: The HTTP front (read from `server.*` with
    ///     ``AuthBridgeHTTPServer/Configuration/init(reader:)``).
    ///   - services: Services that start before the application's and stop after the server, such as a
    ///     tracing exporter that must flush the last spans; default none.
    ///   - logger: The server's logger.
    public init(
        application: AuthBridgeApplication,
        configuration: AuthBridgeHTTPServer.Configuration,
        services: [any Service] = [],
        logger: Logger
    ) {
        self.application = application
        // One readiness state: ready once the first Genesys token is cached, whether the warm-up at
        // start or a `/readyz` probe got it there first.
        let readiness = ReadinessLatch { try await application.warmUp() }
        self.server = AuthBridgeHTTPServer(
            configuration: configuration,
            readiness: readiness.isReady,
            services: services + application.services + [WarmUpService(readiness: readiness, logger: logger)],
            logger: logger,
            routes: { router in application.register(on: router, maximumBodySize: configuration.maximumRequestBodySize) }
        )
    }

    /// Reads the bridge's configuration and the HTTP front's from one reader, naming every problem of
    /// both in one error.
    /// - Parameter reader: Where the values come from
    ///   (`AuthBridgeConfiguration.reader(filePath:secretsDirectory:environment:)`).
    /// - Returns: The bridge's configuration and the front's.
    /// - Throws: `ConfigurationError` naming every wrong key of either.
    public static func configurations(
        from reader: ConfigReader
    ) throws(ConfigurationError) -> (bridge: AuthBridgeConfiguration, server: AuthBridgeHTTPServer.Configuration) {
        var read = ConfigurationReading(reader: reader)
        let bridge = AuthBridgeConfiguration(reading: &read)
        let server = AuthBridgeHTTPServer.Configuration(reading: &read)
        try read.check()
        return (bridge, server)
    }

    /// Serves until a shutdown signal, then shuts the application down.
    public func run() async throws {
        do {
            try await self.server.runService()
        } catch {
            await self.application.shutdown()
            throw error
        }
        await self.application.shutdown()
    }

    /// Starts on the configured address (port 0: any free port) and returns once it listens, for tests
    /// and embedding; stop it with ``AuthBridgeHTTPServer/Running/stop()``.
    public func start() async throws -> AuthBridgeHTTPServer.Running {
        try await self.server.start()
    }
}

/// Fetches the first Genesys token at start so the first customer does not wait and `/readyz` turns
/// ready; retries with backoff until it succeeds or the service group shuts down.
struct WarmUpService: Service {
    let readiness: ReadinessLatch
    let logger: Logger

    func run() async throws {
        // Retrying stops at graceful shutdown too, not only at cancellation: a SIGTERM while Genesys
        // is unreachable must not keep the process alive.
        await cancelWhenGracefulShutdown {
            var delay: Duration = .milliseconds(500)
            while !Task.isCancelled, await !self.readiness.isReady() {
                self.logger.warning("the first Genesys token could not be fetched yet; retrying")
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(30))
            }
        }
        // Stay until shutdown: a service that returns early would end the group.
        try? await gracefulShutdown()
    }
}
