import AuthBridge
import Synchronization

/// An in-memory mapping store that also shows what it holds, for checks on what reaches a shared store.
final class RecordingMappingStore: SessionMappingStore {
    private let inner = InMemorySessionMappingStore()
    private let stored = Mutex<[(String, [UInt8])]>([])
    private let durations = Mutex<[Duration]>([])

    var entries: [(String, [UInt8])] { self.stored.withLock { $0 } }
    /// The lifetime of each stored mapping, in insertion order.
    var lifetimes: [Duration] { self.durations.withLock { $0 } }

    func mapping(forKey key: String) async throws -> [UInt8]? {
        try await self.inner.mapping(forKey: key)
    }

    func insertIfAbsent(_ payload: [UInt8], forKey key: String, lifetime: Duration) async throws -> [UInt8] {
        let winner = try await self.inner.insertIfAbsent(payload, forKey: key, lifetime: lifetime)
        if winner == payload {
            self.stored.withLock { $0.append((key, payload)) }
            self.durations.withLock { $0.append(lifetime) }
        }
        return winner
    }

    func removeMapping(forKey key: String) async throws {
        try await self.inner.removeMapping(forKey: key)
    }
}
