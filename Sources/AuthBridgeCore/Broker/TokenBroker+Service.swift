public import ServiceLifecycle

extension TokenBroker: Service {
    /// Runs until graceful shutdown or cancellation, reporting the cache-hit count every
    /// ``Configuration/metricsReportingInterval``, then calls ``shutdown()``.
    ///
    /// Add the broker to your application's `ServiceGroup`; the library builds none itself.
    public func run() async throws {
        let interval = self.configuration.metricsReportingInterval
        try? await cancelWhenGracefulShutdown {
            while true {
                try await self.clock.sleep(until: self.clock.now.advanced(by: interval), tolerance: nil)
                self.reportHits()
            }
        }
        await self.shutdown()
    }
}
