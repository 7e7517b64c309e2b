import Synchronization

/// A ``OneTimeCodeStore`` in process memory, bounded by ``maximumEntries``.
///
/// A consumed code stays (marked) until it expires, so a second redemption is told apart from an
/// unknown code. Expired codes are purged before each insert; when full of unexpired codes the store
/// fails closed with ``AuthBridgeError/Code/storeFull``.
public final class InMemoryOneTimeCodeStore<C: Clock>: OneTimeCodeStore, Sendable where C.Duration == Duration {
    private struct Code {
        var payload: [UInt8]
        var consumed: Bool
    }

    private let clock: C
    private let state = Mutex(ExpiringTable<C.Instant, Code>())

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
        return try self.state.withLock { table in
            table.purge(now: now)
            if table.value(forKey: key, now: now) != nil { return false }
            guard table.count < maximumEntries else {
                throw AuthBridgeError(.storeFull, kind: .transient, reason: "the code store holds \(maximumEntries) unexpired codes")
            }
            table.set(Code(payload: payload, consumed: false), forKey: key, expiresAt: now.advanced(by: max(lifetime, .zero)))
            return true
        }
    }

    /// Consumes the code under `key`, atomically.
    public func consume(_ key: String) async throws -> CodeConsumption {
        let now = self.clock.now
        return self.state.withLock { table in
            guard let code = table.value(forKey: key, now: now) else { return .unknown }
            if code.consumed { return .repeated(code.payload) }
            table.modify(forKey: key) { $0.consumed = true }
            return .first(code.payload)
        }
    }

    /// How many codes (consumed or not) are held now.
    public var count: Int { self.state.withLock { $0.count } }
}

extension InMemoryOneTimeCodeStore where C == ContinuousClock {
    /// Creates a store on `ContinuousClock`.
    /// - Parameter maximumEntries: The most codes to hold (at least 1).
    public convenience init(maximumEntries: Int = 100_000) {
        self.init(maximumEntries: maximumEntries, clock: ContinuousClock())
    }
}
