import Metrics

/// The client's swift-metrics instruments; labels and dimensions are bounded.
struct RedisMetrics: Sendable {
    let factory: any MetricsFactory
    let connects: Counter
    let connectFailures: Counter
    let slotMapReads: Counter
    let slotMapReadFailures: Counter

    init(factory: any MetricsFactory) {
        self.factory = factory
        self.connects = Counter(label: "authbridge_redis_connects_total", dimensions: [("result", "success")], factory: factory)
        self.connectFailures = Counter(label: "authbridge_redis_connects_total", dimensions: [("result", "failure")], factory: factory)
        self.slotMapReads = Counter(label: "authbridge_redis_slot_map_reads_total", dimensions: [("result", "success")], factory: factory)
        self.slotMapReadFailures = Counter(label: "authbridge_redis_slot_map_reads_total", dimensions: [("result", "failure")], factory: factory)
    }

    /// Counts a Redis Cluster redirection by kind (`moved`, `ask`).
    func redirected(_ kind: RedisRedirect.Kind) {
        Counter(label: "authbridge_redis_redirects_total", dimensions: [("kind", kind == .moved ? "moved" : "ask")], factory: self.factory)
            .increment()
    }

    /// Counts a failed command by error code (a short, bounded set of labels).
    func failed(_ error: RedisError) {
        Counter(label: "authbridge_redis_errors_total", dimensions: [("code", error.shortDescription)], factory: self.factory)
            .increment()
    }
}
