/// Runs work of the same key one at a time inside one client: upserts of the same customer, and the
/// External Source's find-or-create, so two concurrent callers cannot both miss and both create.
actor KeyedLocks {
    private var busy: Set<String> = []
    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]

    func acquire(_ key: String) async {
        guard self.busy.contains(key) else {
            self.busy.insert(key)
            return
        }
        await withCheckedContinuation { self.waiters[key, default: []].append($0) }
    }

    /// Runs `work` holding the lock for `key`.
    func withLock<T: Sendable>(_ key: String, _ work: @Sendable () async throws -> T) async throws -> T {
        await self.acquire(key)
        do {
            let result = try await work()
            self.release(key)
            return result
        } catch {
            self.release(key)
            throw error
        }
    }

    func release(_ key: String) {
        if var queue = self.waiters[key], !queue.isEmpty {
            let next = queue.removeFirst()
            self.waiters[key] = queue.isEmpty ? nil : queue
            next.resume()
        } else {
            self.busy.remove(key)
        }
    }
}
