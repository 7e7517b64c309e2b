import ServiceLifecycle
import Synchronization

/// The first thing a graceful shutdown stops: it turns `/readyz` to 503 and waits out the drain period
/// while the server still takes requests, so a load balancer that polls readiness (a Kubernetes Service)
/// stops sending new ones before the listener closes. Then the group goes on to the server.
final class ShutdownDrain: Service, Sendable {
    let period: Duration
    private let draining = Atomic<Bool>(false)

    init(period: Duration) {
        self.period = period
    }

    /// Whether a graceful shutdown has begun.
    var isDraining: Bool { self.draining.load(ordering: .relaxed) }

    func run() async throws {
        // A server value may be run again after a shutdown: each run starts ready.
        self.draining.store(false, ordering: .relaxed)
        // Returns at graceful shutdown; throws only when the group is cancelled, which ends the drain too.
        do {
            try await gracefulShutdown()
        } catch {
            return
        }
        self.draining.store(true, ordering: .relaxed)
        if self.period > .zero {
            // Cancelling the group (a service failing) ends the wait early; a second SIGTERM does not,
            // as the group listens for its shutdown signals once. The configuration caps the period.
            try? await Task.sleep(for: self.period)
        }
    }
}
