import ServiceLifecycle

extension AuthBridgeHTTPServer {
    /// A started server: its port, and the way to stop it.
    public final class Running: Sendable {
        /// The port the server listens on.
        public let port: Int
        /// `http://<host>:<port>`, without a trailing slash.
        public let baseURL: String
        /// The port of the metrics listener, when ``Configuration/metricsPort`` is set.
        public let metricsPort: Int?
        private let group: ServiceGroup
        private let task: Task<Void, any Error>

        init(host: String, port: Int, metricsPort: Int?, group: ServiceGroup, task: Task<Void, any Error>) {
            self.port = port
            self.metricsPort = metricsPort
            self.baseURL = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
            self.group = group
            self.task = task
        }

        /// Shuts down gracefully, as on SIGTERM: turns `/readyz` to 503 for the configured drain period
        /// (``Configuration/shutdownDrainPeriod``, default none), stops accepting connections, lets
        /// requests in progress finish, stops the services, and returns when all have ended. Calling it
        /// again does nothing more.
        /// - Throws: What the server or a service failed with, if anything.
        public func stop() async throws {
            await self.group.triggerGracefulShutdown()
            try await self.task.value
        }
    }
}
