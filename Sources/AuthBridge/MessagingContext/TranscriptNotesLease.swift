import AuthBridgeCore
import AuthBridgeCrypto

/// One writer at a time of one earlier transcript's notes on one External Contact, across calls and
/// replicas. Two conversations of the same customer carry the same transcript into the same contact, and
/// each looks at the stored notes before writing a part: without a lease both can find a part missing
/// while the other's write is still in flight (a slow Genesys answer widens that to seconds) and write it
/// twice. The second writer waits, then finds the parts stored and skips them.
struct TranscriptNotesLease: Sendable {
    /// Another writer held the lease for its whole lifetime: the carry fails and a later call retries it.
    struct Busy: Error, CustomStringConvertible {
        var description: String { "another call is still writing this transcript's notes" }
    }

    let store: any SessionMappingStore
    let key: String
    /// Longer than one transcript's writes with their retries; a writer that died frees it then.
    static let lifetime: Duration = .seconds(120)
    static let pollInterval: Duration = .milliseconds(200)

    init(store: any SessionMappingStore, sealingKey: Secret, contactID: String, transcript: Transcript) throws(CryptoError) {
        let key = sealingKey.withUnsafeBytes { Array($0) }
        // Keyed, as the ledger's keys are: the store's key names say nothing about customers.
        let digest = try SessionSealing.hmacSHA256(
            key: key, message: Array("notes\u{1F}\(contactID)\u{1F}\(transcript.source)\u{1F}\(transcript.conversationID)".utf8))
        self.store = store
        self.key = "authbridge:notes:" + Base64URL.encode(digest)
    }

    /// Runs `write` holding the lease, after waiting for another holder to finish (at most `lifetime`).
    /// The lease is renewed every third of its lifetime while `write` runs, so a long transcript keeps it.
    func withLease<T: Sendable>(_ write: @escaping @Sendable () async throws -> T) async throws -> T {
        let mine = try SecureRandom.bytes(16)
        let deadline = ContinuousClock.now + Self.lifetime
        while try await self.store.insertIfAbsent(mine, forKey: self.key, lifetime: Self.lifetime) != mine {
            guard ContinuousClock.now < deadline else { throw Busy() }
            try await Task.sleep(for: Self.pollInterval)
        }
        let store = self.store
        let key = self.key
        do {
            let result = try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await write() }
                group.addTask {
                    // Renews only while the lease is still ours (compare-and-swap on our own token).
                    while !Task.isCancelled {
                        try await Task.sleep(for: Self.lifetime / 3)
                        guard (try? await store.replaceMapping(mine, forKey: key, ifCurrent: mine, lifetime: Self.lifetime)) == true else { break }
                    }
                    return nil
                }
                defer { group.cancelAll() }
                while let finished = try await group.next() {
                    if let finished { return finished }
                }
                throw Busy()  // unreachable: the write's task always returns a value or throws
            }
            _ = try? await self.store.removeMapping(forKey: self.key, ifCurrent: mine)
            return result
        } catch {
            _ = try? await self.store.removeMapping(forKey: self.key, ifCurrent: mine)
            throw error
        }
    }
}
