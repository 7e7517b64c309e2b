import Synchronization

/// A ``OneTimeCodeStore`` in process memory, bounded by ``maximumEntries``.
///
/// A consumed code stays (marked) until it expires, so a second redemption is told apart from an
/// unknown code. Expired codes are purged before each insert; when full of unexpired codes the store
/// fails closed with ``AuthBridgeError/Code/storeFull``.
public final class InMemoryOneTimeCodeStore<C: Clock>: OneTimeCodeStore, Sendable where C.Duration == Duration {
    private struct Entry {
        var payload: [UInt8]
        var expiresAt: C.Instant
        var consumed: Bool
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var heap = ExpiryHeap<C.Instant, String>()
    }

    private let clock: C
    private let state = Mutex(State())

    /// The most codes held at once.
    public let maximumEntries: Int

    /// Creates a store.
    /// - Parameters:
    ///   - maximumEntries: The most codes to hold (at least 1).
    ///   - clock: The time source for expiry.
    public init(maximumEntries: Int = 100_000, clock: C) {
        self.maximumEntries = max(maximumEntries, 1)
        self.clock = clock
    }

    /// Stores `payload` under `key` for `lifetime`; `false` if `key` is present.
    /// - Throws: ``AuthBridgeError/Code/storeFull`` when full of unexpired codes.
    public func insert(_ payload: [UInt8], forKey key: String, lifetime: Duration) async throws -> Bool {
        let now = self.clock.now
        let maximumEntries = self.maximumEntries
        return try self.state.withLock { state in
            Self.purge(&state, now: now)
            if state.entries[key] != nil { return false }
            guard state.entries.count < maximumEntries else {
                throw AuthBridgeError(.storeFull, kind: .transient, reason: "the code store holds \(maximumEntries) unexpired codes")
            }
            let expiresAt = now.advanced(by: max(lifetime, .zero))
            state.entries[key] = Entry(payload: payload, expiresAt: expiresAt, consumed: false)
            state.heap.push(key, expiresAt: expiresAt)
            return true
        }
    }

    /// Consumes the code under `key`, atomically.
    public func consume(_ key: String) async throws -> CodeConsumption {
        let now = self.clock.now
        return self.state.withLock { state in
            guard let entry = state.entries[key], now < entry.expiresAt else { return .unknown }
            if entry.consumed { return .repeated(entry.payload) }
            state.entries[key]?.consumed = true
            return .first(entry.payload)
        }
    }

    /// How many codes (consumed or not) are held now.
    public var count: Int { self.state.withLock { $0.entries.count } }

    private static func purge(_ state: inout State, now: C.Instant) {
        while let earliest = state.heap.earliest, earliest.expiresAt <= now {
            _ = state.heap.popEarliest()
            if state.entries[earliest.id]?.expiresAt == earliest.expiresAt {
                state.entries.removeValue(forKey: earliest.id)
            }
        }
    }
}

extension InMemoryOneTimeCodeStore where C == ContinuousClock {
    /// Creates a store on `ContinuousClock`.
    /// - Parameter maximumEntries: The most codes to hold (at least 1).
    public convenience init(maximumEntries: Int = 100_000) {
        self.init(maximumEntries: maximumEntries, clock: ContinuousClock())
    }
}
