import Metrics

/// The broker's swift-metrics instruments, created once. Labels and dimensions are bounded.
struct BrokerMetrics: Sendable {
    let hits: Counter
    let misses: Counter
    let refreshes: Counter
    let evictions: Counter
    let transientFailures: Counter
    let permanentFailures: Counter
    let providerDuration: Metrics.Timer

    init(name: String, factory: any MetricsFactory) {
        let dimensions = [("broker", name)]
        self.hits = Counter(label: "authbridge_token_broker_hits_total", dimensions: dimensions, factory: factory)
        self.misses = Counter(label: "authbridge_token_broker_misses_total", dimensions: dimensions, factory: factory)
        self.refreshes = Counter(
            label: "authbridge_token_broker_refreshes_total",
            dimensions: dimensions,
            factory: factory
        )
        self.evictions = Counter(
            label: "authbridge_token_broker_evictions_total",
            dimensions: dimensions,
            factory: factory
        )
        self.transientFailures = Counter(
            label: "authbridge_token_broker_failures_total",
            dimensions: dimensions + [("kind", FailureKind.transient.description)],
            factory: factory
        )
        self.permanentFailures = Counter(
            label: "authbridge_token_broker_failures_total",
            dimensions: dimensions + [("kind", FailureKind.permanent.description)],
            factory: factory
        )
        self.providerDuration = Metrics.Timer(
            label: "authbridge_token_broker_provider_duration",
            dimensions: dimensions,
            factory: factory
        )
    }

    func failures(_ kind: FailureKind) -> Counter {
        kind == .permanent ? self.permanentFailures : self.transientFailures
    }
}
