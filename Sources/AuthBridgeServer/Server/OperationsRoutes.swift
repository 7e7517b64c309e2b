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
        // Built once: probes come often, and a response's body buffer is shared copy-on-write.
        let alive = ServerResponses.text(.ok, "ok\n")
        let ready = ServerResponses.text(.ok, "ready\n")
        let notReady = ServerResponses.text(.serviceUnavailable, "not ready\n")
        // Liveness says only that the process serves: restarting it cannot fix a slow Genesys.
        router.get(RouterPath(Self.healthPath)) { _, _ in alive }
        router.get(RouterPath(Self.readinessPath)) { _, _ in await readiness() ? ready : notReady }
        router.get(RouterPath(Self.metricsPath)) { _, _ in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(8 << 10)
            registry.emit(into: &bytes)
            return ServerResponses.text(.ok, String(decoding: bytes, as: UTF8.self), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}
