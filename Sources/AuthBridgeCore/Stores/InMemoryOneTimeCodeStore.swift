import Synchronization

/// A ``OneTimeCodeStore`` in process memory, bounded by ``maximumEntries``.
///
/// A consumed code stays (marked) until it expires, so a second redemption is told apart from an
/// unknown code. Expired codes are purged before each insert; when full of unexpired codes the store
/// fails closed with ``AuthBridgeError/Code/storeFull``.
///
/// A store of 16,384 entries or more is split by key into 16 to 256 shards (one per 16,384 entries
/// beyond 16 shards), each with its own lock and an equal share of ``maximumEntries``, so concurrent
/// code requests rarely wait on each other. Each shard reserves room for its share up front (up to
/// 65,536 codes): a single table that grew under load held its lock for tens of milliseconds while it
/// rehashed. The tables' address space for the whole bound is thus reserved at creation (about 160 bytes
/// a code, 16 MB for the default 100,000; pages become resident as codes arrive). A shard full of
/// unexpired codes refuses new ones even when others have room.
public final class InMemoryOneTimeCodeStore<C: Clock>: OneTimeCodeStore, Sendable where C.Duration == Duration {
    private let clock: C
    /// Times in the tables count from here (see ``ExpiringTable``).
    private let origin: C.Instant
    private let shards: [CodeShard]
    private let entriesPerShard: Int

    /// The most codes held at once.
    public let maximumEntries: Int

    /// Creates a store.
    /// - Parameters:
    ///   - maximumEntries: The most codes to hold (at least 1).
    ///   - clock: The time source for expiry.
    public init(maximumEntries: Int = 100_000, clock: C) {
        self.maximumEntries = max(maximumEntries, 1)
        self.clock = clock
        self.origin = clock.now
        // 16 shards from 16,384 codes, then one more per 16,384 up to 256 (4M codes): a shard's share
        // stays within what each reserves up front, so no shard rehashes under its lock.
        let shardCount = self.maximumEntries < 16_384 ? 1 : min(256, max(16, self.maximumEntries / 16_384))
        let entriesPerShard = (self.maximumEntries + shardCount - 1) / shardCount
        self.shards = (0..<shardCount).map { _ in CodeShard(reservingCapacity: min(entriesPerShard, 1 << 16)) }
        self.entriesPerShard = entriesPerShard
    }

    /// The shard by the key's last bytes: keys are hashes of random codes, so their ends spread evenly,
    /// and a full `hashValue` here cost as much as the table's own lookup.
    private func shard(for key: String) -> CodeShard {
        guard self.shards.count > 1 else { return self.shards[0] }
        var key = key
        let mixed = key.withUTF8 { bytes in
            bytes.suffix(8).reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
        }
        return self.shards[Int(mixed % UInt64(self.shards.count))]
    }

    /// Stores `payload` under `key` for `lifetime`; `false` if `key` is present.
    /// - Throws: ``AuthBridgeError/Code/storeFull`` when full of unexpired codes.
    public func insert(_ payload: [UInt8], forKey key: String, lifetime: Duration) async throws -> Bool {
        let now = self.origin.duration(to: self.clock.now)
        let limit = self.entriesPerShard
        let maximumEntries = self.maximumEntries
        return try self.shard(for: key).state.withLock { table in
            table.purge(now: now)
            guard table.count < limit else {
                if table.value(forKey: key, now: now) != nil { return false }
                throw AuthBridgeError(
                    .storeFull, kind: .transient, reason: "the code store is full (\(maximumEntries) unexpired codes across its shards)")
            }
            let code = StoredCode(payload: payload, consumed: false)
            return table.insertIfAbsent(code, forKey: key, now: now, expiresAt: now + max(lifetime, .zero)) == nil
        }
    }

    /// Consumes the code under `key`, atomically.
    public func consume(_ key: String) async throws -> CodeConsumption {
        let now = self.origin.duration(to: self.clock.now)
        return self.shard(for: key).state.withLock { table in
            guard let code = table.value(forKey: key, now: now) else { return .unknown }
            if code.consumed { return .repeated(code.payload) }
            table.modify(forKey: key) { $0.consumed = true }
            return .first(code.payload)
        }
    }

    /// How many codes (consumed or not) are held now.
    public var count: Int { self.shards.reduce(0) { $0 + $1.state.withLock { $0.count } } }
}

/// One lock and one table of ``InMemoryOneTimeCodeStore``.
private final class CodeShard: Sendable {
    let state: Mutex<ExpiringTable<StoredCode>>

    init(reservingCapacity capacity: Int) {
        self.state = Mutex(ExpiringTable(reservingCapacity: capacity))
    }
}

/// A code as the in-memory store holds it; outside the generic store so the table's type is concrete.
private struct StoredCode {
    var payload: [UInt8]
    var consumed: Bool
}

extension InMemoryOneTimeCodeStore where C == ContinuousClock {
    /// Creates a store on `ContinuousClock`.
    /// - Parameter maximumEntries: The most codes to hold (at least 1).
    public convenience init(maximumEntries: Int = 100_000) {
        self.init(maximumEntries: maximumEntries, clock: ContinuousClock())
    }
}
