import Synchronization

/// Whether a connection's stream has failed, readable from any thread.
///
/// The handler sets it on the event loop before it fails any request, so a caller that saw a failure
/// never gets the same connection back from the pool, even while the channel is still closing.
final class RedisConnectionHealth: Sendable {
    private let failed = Atomic<Bool>(false)

    var hasFailed: Bool { self.failed.load(ordering: .acquiring) }

    func markFailed() {
        self.failed.store(true, ordering: .releasing)
    }
}
