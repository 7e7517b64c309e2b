public import Synchronization

#if canImport(Darwin)
internal import Darwin
#elseif canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#endif

/// Per-thread copies of the broker's current tokens, so that cache hits on different cores write to
/// different cache lines.
///
/// A hit locks the calling thread's stripe (uncontended), checks the entry's version and deadline, and
/// copies the token out: one reference-count increment on a replica that only this stripe hands out.
/// Each stripe starts on its own 128-byte boundary. Entries are indexed by the slot's index, so nothing
/// is hashed.
///
/// The stripe lock is a test-and-set flag rather than a `Mutex`: a stripe is almost always used by the
/// one thread it was handed to, so the lock is uncontended and its release can be a plain store, which
/// saves about 5 ns per hit. When two threads do meet on a stripe (more threads than stripes, or a
/// refill racing a shutdown) the loser yields the processor until the holder's few instructions are done;
/// nothing blocks or allocates while holding it.
@usableFromInline
// @unchecked: `base` is written only in init and deinit; each stripe's table is read and written only
// while its `isLocked` flag is held (acquire on taking it, release on dropping it).
final class ReadStripes<Instant: InstantProtocol>: @unchecked Sendable {
    @usableFromInline
    struct Entry {
        @usableFromInline var version: UInt64
        @usableFromInline var token: AccessToken
        @usableFromInline var checkAt: Instant
    }

    @usableFromInline
    struct Table {
        @usableFromInline var entries: ContiguousArray<Entry?> = []
        @usableFromInline var hits: Int = 0
    }

    @usableFromInline
    struct Stripe: ~Copyable {
        @usableFromInline let isLocked: Atomic<Bool>
        @usableFromInline var table: Table

        init() {
            self.isLocked = Atomic(false)
            self.table = Table()
        }
    }

    @usableFromInline let base: UnsafeMutableRawPointer
    @usableFromInline let stride: Int
    @usableFromInline let mask: Int
    let count: Int

    /// - Parameter minimumCount: Rounded up to a power of two.
    init(minimumCount: Int) {
        var count = 1
        while count < minimumCount { count <<= 1 }
        self.count = count
        self.mask = count - 1
        self.stride = (MemoryLayout<Stripe>.stride + 127) & ~127
        self.base = UnsafeMutableRawPointer.allocate(byteCount: self.stride * count, alignment: 128)
        for index in 0..<count {
            (self.base + index * self.stride).bindMemory(to: Stripe.self, capacity: 1)
                .initialize(to: Stripe())
        }
    }

    deinit {
        for index in 0..<self.count {
            _ = (self.base + index * self.stride).assumingMemoryBound(to: Stripe.self).move()
        }
        self.base.deallocate()
    }

    @inlinable
    func stripe(_ index: Int) -> UnsafeMutablePointer<Stripe> {
        (self.base + (index & self.mask) * self.stride).assumingMemoryBound(to: Stripe.self)
    }

    /// Runs `body` on stripe `index`'s table while holding its lock.
    @inlinable
    func withStripe<Result>(_ index: Int, _ body: (inout Table) -> Result) -> Result {
        let stripe = self.stripe(index)
        if stripe.pointee.isLocked.exchange(true, ordering: .acquiring) {
            ReadStripes.waitForLock(stripe)
        }
        defer { stripe.pointee.isLocked.store(false, ordering: .releasing) }
        return body(&stripe.pointee.table)
    }

    @usableFromInline
    static func waitForLock(_ stripe: UnsafeMutablePointer<Stripe>) {
        while true {
            sched_yield()
            if !stripe.pointee.isLocked.load(ordering: .relaxed),
                !stripe.pointee.isLocked.exchange(true, ordering: .acquiring)
            {
                return
            }
        }
    }

    /// The token for slot `index`, if this thread's stripe has it at `version` and `now` is before its
    /// check time.
    @inlinable
    func lookup(index: Int, version: UInt64, now: Instant) -> AccessToken? {
        self.withStripe(ThreadIndex.current()) { table -> AccessToken? in
            guard index < table.entries.count, let entry = table.entries[index], entry.version == version,
                now < entry.checkAt
            else { return nil }
            table.hits &+= 1
            return entry.token
        }
    }

    /// Puts a replica of `token` into this thread's stripe.
    func store(index: Int, version: UInt64, token: AccessToken, checkAt: Instant) {
        let replica = token.replica()
        self.withStripe(ThreadIndex.current()) { table in
            if table.entries.count <= index {
                table.entries.append(contentsOf: repeatElement(nil, count: index + 1 - table.entries.count))
            }
            table.entries[index] = Entry(version: version, token: replica, checkAt: checkAt)
        }
    }

    /// Drops slot `index`'s entry from every stripe, before the index is reused for another key.
    func clear(index: Int) {
        for stripe in 0..<self.count {
            self.withStripe(stripe) { table in
                if index < table.entries.count { table.entries[index] = nil }
            }
        }
    }

    /// Drops every entry, so no token stays in memory after shutdown.
    func clear() {
        for index in 0..<self.count {
            self.withStripe(index) { table in
                table.entries.removeAll()
            }
        }
    }

    /// Hits counted by all stripes since creation.
    func totalHits() -> Int {
        var total = 0
        for index in 0..<self.count {
            total &+= self.withStripe(index) { $0.hits }
        }
        return total
    }
}
