import AuthBridgeCore
import Synchronization

/// An in-memory refresh-token store whose `insert` waits until the test opens it, so a test can act
/// while a redemption has consumed its code but not yet started its family.
final class GatedRefreshTokenStore: RefreshTokenStore, Sendable {
    let store = InMemoryRefreshTokenStore()
    private let state = Mutex<(waiting: Bool, open: Bool)>((false, false))

    /// Whether an `insert` is waiting at the gate.
    var insertWaiting: Bool { self.state.withLock { $0.waiting } }

    func openInsert() { self.state.withLock { $0.open = true } }

    func insert(_ payload: [UInt8], forKey key: String, family: String, subject: String, lifetime: Duration) async throws {
        self.state.withLock { $0.waiting = true }
        while !self.state.withLock({ $0.open }) { try await Task.sleep(for: .milliseconds(5)) }
        try await self.store.insert(payload, forKey: key, family: family, subject: subject, lifetime: lifetime)
    }

    func rotate(_ key: String, to newKey: String, lifetime: Duration) async throws -> RefreshRotation {
        try await self.store.rotate(key, to: newKey, lifetime: lifetime)
    }

    func revokeFamily(_ family: String) async throws { try await self.store.revokeFamily(family) }

    func revokeFamilies(ofSubject subject: String) async throws -> Int { try await self.store.revokeFamilies(ofSubject: subject) }

    func isActive(family: String) async throws -> Bool { try await self.store.isActive(family: family) }
}
