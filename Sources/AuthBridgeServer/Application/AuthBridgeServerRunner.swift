import Hummingbird
public import Logging
import ServiceLifecycle
import UnixSignals

/// Runs an ``AuthBridgeApplication`` behind Hummingbird until SIGTERM or SIGINT: the brokers' refresh
/// and the HTTP server in one `ServiceGroup`, so in-flight requests finish and background refresh stops
/// on shutdown.
public struct AuthBridgeServerRunner: Sendable {
    let application: AuthBridgeApplication
    let logger: Logger

    /// Creates a runner.
    /// - Parameters:
    ///   - application: What to serve.
    ///   - logger: The server's logger.
    public init(application: AuthBridgeApplication, logger: Logger) throws {
        self.application = application
        self.logger = logger
    }

    /// Serves until a shutdown signal, then shuts the application down.
    public func run() async throws {
        let router = Router(context: AuthBridgeRequestContext.self)
        let application = self.application
        router.get("/healthz") { _, _ in Response(status: .ok) }
        router.get("/readyz") { _, _ in Response(status: application.isReady ? .ok : .serviceUnavailable) }
        application.register(on: router)
        let server = Application(
            router: router,
            configuration: ApplicationConfiguration(
                address: .hostname(application.configuration.server.host, port: application.configuration.server.port)
            ),
            logger: self.logger
        )
        let warmUp = WarmUpService(application: application, logger: self.logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: server)] + application.services.map { .init(service: $0) } + [.init(service: warmUp, successTerminationBehavior: .ignore)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: self.logger
            )
        )
        do {
            try await group.run()
        } catch {
            await application.shutdown()
            throw error
        }
        await application.shutdown()
    }
}

/// Fetches the first Genesys token at start so `/readyz` turns ready; retries until it succeeds or the
/// service group shuts down.
struct WarmUpService: Service {
    let application: AuthBridgeApplication
    let logger: Logger

    func run() async throws {
        var delay: Duration = .milliseconds(500)
        while !Task.isCancelled {
            do {
                try await self.application.warmUp()
                return
            } catch {
                self.logger.warning("the first Genesys token could not be fetched yet; retrying", metadata: ["authbridge.error_type": "\(type(of: error))"])
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(30))
            }
        }
    }
}
