import Synchronization

/// The External Source id a client found or created, kept for the client's lifetime (sources are
/// configuration: they are not renamed or deleted under a running client).
final class ExternalSourceCache: Sendable {
    private let id = Mutex<String?>(nil)

    var value: String? { self.id.withLock { $0 } }

    func store(_ value: String) {
        self.id.withLock { $0 = value }
    }
}
