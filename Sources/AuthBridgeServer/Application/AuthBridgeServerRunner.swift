public import Logging
import ServiceLifecycle

/// Runs an ``AuthBridgeApplication`` behind the ``AuthBridgeHTTPServer`` front (CORS allow-list,
/// body cap, per-client rate limit, access log, `/healthz`, `/readyz`, `/metrics`) until SIGTERM or
/// SIGINT: in-flight requests finish, then the brokers' background refresh stops.
public struct AuthBridgeServerRunner: Sendable {
    let application: AuthBridgeApplication
    let server: AuthBridgeHTTPServer

    /// Creates a runner from the application's `server.*` configuration.
    /// - Parameters:
    ///   - application: What to serve.
    ///   - logger: The server's logger.
    public init(application: AuthBridgeApplication, logger: Logger) {
        self.application = application
        let settings = application.configuration.server
        // `server.rateLimitPerMinute` as a token bucket: that rate, with a minute's worth of burst capped
        // at 100 so a page's retries are not refused.
        let perMinute = Double(settings.rateLimitPerMinute)
        // One readiness state: ready once the first Genesys token is cached, whether the warm-up at
        // start or a `/readyz` probe got it there first.
        let readiness = ReadinessLatch { try await application.warmUp() }
        self.server = AuthBridgeHTTPServer(
            configuration: .init(
                host: settings.host,
                port: settings.port,
                cors: CORSPolicy(allowedOrigins: settings.allowedOrigins),
                maximumRequestBodySize: settings.maximumBodyBytes,
                rateLimit: .init(requestsPerSecond: perMinute / 60, burst: min(max(Int(perMinute / 6), 1), 100)),
                clientAddress: .forwardedFor(trustedProxyHops: settings.trustedProxyHops),
                shutdownDrainPeriod: .seconds(settings.shutdownDrainSeconds),
                idleTimeout: .seconds(settings.idleTimeoutSeconds),
                metricsPort: settings.metricsPort
            ),
            readiness: readiness.isReady,
            services: application.services + [WarmUpService(readiness: readiness, logger: logger)],
            logger: logger,
            routes: { router in application.register(on: router) }
        )
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
