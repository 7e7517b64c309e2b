import Hummingbird
import Prometheus

/// The platform's routes: liveness, readiness and Prometheus metrics.
struct OperationsRoutes: Sendable {
    static let healthPath = "/healthz"
    static let readinessPath = "/readyz"
    static let metricsPath = "/metrics"
    static var paths: Set<String> { [Self.healthPath, Self.readinessPath, Self.metricsPath] }

    let readiness: @Sendable () async -> Bool
    let registry: PrometheusCollectorRegistry
    /// `false` when a listener of its own serves `/metrics`.
    var servesMetrics = true

    func register<Context: RequestContext>(on router: some RouterMethods<Context>) {
        let readiness = self.readiness
        // Built once: probes come often, and a response's body buffer is shared copy-on-write.
        let alive = ServerResponses.text(.ok, "ok\n")
        let ready = ServerResponses.text(.ok, "ready\n")
        let notReady = ServerResponses.text(.serviceUnavailable, "not ready\n")
        // Liveness says only that the process serves: restarting it cannot fix a slow Genesys.
        router.get(RouterPath(Self.healthPath)) { _, _ in alive }
        router.get(RouterPath(Self.readinessPath)) { _, _ in await readiness() ? ready : notReady }
        if self.servesMetrics { Self.registerMetrics(self.registry, on: router) }
    }

    /// `GET /metrics`: the Prometheus text of `registry`.
    static func registerMetrics<Context: RequestContext>(_ registry: PrometheusCollectorRegistry, on router: some RouterMethods<Context>) {
        router.get(RouterPath(Self.metricsPath)) { _, _ in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(8 << 10)
            registry.emit(into: &bytes)
            return ServerResponses.text(.ok, String(decoding: bytes, as: UTF8.self), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}
