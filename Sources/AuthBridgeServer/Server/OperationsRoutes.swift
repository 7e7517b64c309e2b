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

    func register<Context: RequestContext>(on router: some RouterMethods<Context>) {
        let readiness = self.readiness
        let registry = self.registry
        // Liveness says only that the process serves: restarting it cannot fix a slow Genesys.
        router.get(RouterPath(Self.healthPath)) { _, _ in ServerResponses.text(.ok, "ok\n") }
        router.get(RouterPath(Self.readinessPath)) { _, _ in
            await readiness() ? ServerResponses.text(.ok, "ready\n") : ServerResponses.text(.serviceUnavailable, "not ready\n")
        }
        router.get(RouterPath(Self.metricsPath)) { _, _ in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(8 << 10)
            registry.emit(into: &bytes)
            return ServerResponses.text(.ok, String(decoding: bytes, as: UTF8.self), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}
