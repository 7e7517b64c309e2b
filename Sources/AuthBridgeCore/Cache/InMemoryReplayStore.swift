import Synchronization

/// A ``ReplayStore`` in process memory, bounded by ``maximumEntries``.
///
/// Expired identifiers are purged before each insert. When the store is full of unexpired identifiers it
/// fails closed: ``insertIfAbsent(_:expiresIn:)`` throws ``AuthBridgeError/Code/replayStoreFull`` rather
/// than forget an identifier that could then be replayed.
public final class InMemoryReplayStore<C: Clock>: ReplayStore, Sendable where C.Duration == Duration {
    private struct State {
        var expiries: [String: C.Instant] = [:]
        var heap = ExpiryHeap<C.Instant, String>()
    }

    private let clock: C
    private let state = Mutex(State())

    /// The most identifiers held at once.
    public let maximumEntries: Int

    /// Creates a store.
    /// - Parameters:
    ///   - maximumEntries: The most identifiers to hold (at least 1).
    ///   - clock: The time source for expiry.
    public init(maximumEntries: Int, clock: C) {
        self.maximumEntries = max(maximumEntries, 1)
        self.clock = clock
    }

    /// How many identifiers are held now.
    public var count: Int {
        self.state.withLock { $0.expiries.count }
    }

    /// Records `id` until `expiresIn` has passed unless it is already recorded.
    /// - Parameters:
    ///   - id: The identifier (or its hash).
    ///   - expiresIn: How long to remember it.
    /// - Returns: `true` if `id` was new, `false` for a replay.
    /// - Throws: ``AuthBridgeError/Code/replayStoreFull`` when full of unexpired identifiers.
    public func insertIfAbsent(_ id: String, expiresIn: Duration) async throws -> Bool {
        let now = self.clock.now
        let maximumEntries = self.maximumEntries
        return try self.state.withLock { state in
            while let earliest = state.heap.earliest, earliest.expiresAt <= now {
                _ = state.heap.popEarliest()
                // Only forget the id if this heap item is its current expiry.
                if state.expiries[earliest.id] == earliest.expiresAt {
                    state.expiries.removeValue(forKey: earliest.id)
                }
            }
            if let expiresAt = state.expiries[id], now < expiresAt {
                return false
            }
            guard state.expiries.count < maximumEntries else {
                throw AuthBridgeError(
                    .replayStoreFull,
                    kind: .transient,
                    reason: "the replay store holds \(maximumEntries) unexpired identifiers"
                )
            }
            let expiresAt = now.advanced(by: max(expiresIn, .zero))
            state.expiries[id] = expiresAt
            state.heap.push(id, expiresAt: expiresAt)
            return true
        }
    }
}

extension InMemoryReplayStore where C == ContinuousClock {
    /// Creates a store on `ContinuousClock`.
    /// - Parameter maximumEntries: The most identifiers to hold (at least 1).
    public convenience init(maximumEntries: Int) {
        self.init(maximumEntries: maximumEntries, clock: ContinuousClock())
    }
}
