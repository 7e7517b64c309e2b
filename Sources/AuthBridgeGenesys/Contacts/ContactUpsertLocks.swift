/// Serializes upserts of the same customer inside one client, so two concurrent upserts cannot both
/// miss the lookup and create two contacts.
actor ContactUpsertLocks {
    private var busy: Set<String> = []
    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]

    func acquire(_ key: String) async {
        guard self.busy.contains(key) else {
            self.busy.insert(key)
            return
        }
        await withCheckedContinuation { self.waiters[key, default: []].append($0) }
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
