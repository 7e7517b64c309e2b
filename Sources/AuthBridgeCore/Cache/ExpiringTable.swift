/// Values by key, each with an expiry, purged in expiry order: the storage of the in-memory code and
/// session-mapping stores. Not thread-safe; the stores keep it under their lock.
///
/// Times are `Duration`s since an origin the store picks, not its clock's `Instant`: a concrete type
/// keeps the table specialised (a generic instant cost a metadata lookup per comparison on the code
/// route).
struct ExpiringTable<Value> {
    typealias Instant = Duration

    private struct Entry {
        var value: Value
        var expiresAt: Instant
    }

    private var entries: [String: Entry] = [:]
    private var heap = ExpiryHeap<Instant, String>()

    /// An empty table.
    init() {}

    /// An empty table with room for `capacity` entries before it first grows (growing rehashes every
    /// key while the store's lock is held).
    init(reservingCapacity capacity: Int) {
        self.entries.reserveCapacity(capacity)
        self.heap.reserveCapacity(capacity)
    }

    /// Entries held, expired or not (until the next ``purge(now:)``).
    var count: Int { self.entries.count }

    /// The value under `key` unless it expired by `now`.
    func value(forKey key: String, now: Instant) -> Value? {
        guard let entry = self.entries[key], now < entry.expiresAt else { return nil }
        return entry.value
    }

    /// Stores `value` under `key` until `expiresAt` unless an unexpired value is there, which is returned
    /// instead. A new key (the common case) is hashed once.
    mutating func insertIfAbsent(_ value: Value, forKey key: String, now: Instant, expiresAt: Instant) -> Value? {
        if let previous = self.entries.updateValue(Entry(value: value, expiresAt: expiresAt), forKey: key), now < previous.expiresAt {
            self.entries[key] = previous
            return previous.value
        }
        self.heap.push(key, expiresAt: expiresAt)
        return nil
    }

    /// Changes the value under `key` in place, keeping its expiry.
    mutating func modify(forKey key: String, _ body: (inout Value) -> Void) {
        guard var entry = self.entries[key] else { return }
        body(&entry.value)
        self.entries[key] = entry
    }

    /// Forgets `key`; its heap item is skipped when it comes up.
    mutating func remove(forKey key: String) {
        self.entries.removeValue(forKey: key)
    }

    /// Drops every entry that expired by `now`.
    mutating func purge(now: Instant) {
        while let earliest = self.heap.earliest, earliest.expiresAt <= now {
            _ = self.heap.popEarliest()
            // A key set again after this item was pushed has a later expiry: keep it.
            if let entry = self.entries[earliest.id], entry.expiresAt <= now {
                self.entries.removeValue(forKey: earliest.id)
            }
        }
    }
}
