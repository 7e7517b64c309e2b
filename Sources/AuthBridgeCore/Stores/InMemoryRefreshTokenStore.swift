import Synchronization

/// A ``RefreshTokenStore`` in process memory, bounded by ``maximumFamilies``.
///
/// Keys that a family rotated away from are remembered until the family expires, so their reuse is
/// detected and revokes the family. Revoked families are remembered until they would have expired;
/// families revoked before they existed, for ``RefreshTokenStore/revokedAheadLifetime``.
/// When full of live families the store fails closed with ``AuthBridgeError/Code/storeFull``.
public final class InMemoryRefreshTokenStore<C: Clock>: RefreshTokenStore, Sendable where C.Duration == Duration {
    private struct Family {
        var subject: String
        var currentKey: String
        var payload: [UInt8]
        var expiresAt: C.Instant
        var revoked: Bool
        var formerKeys: [String]
    }

    private struct State {
        var families: [String: Family] = [:]
        /// Every key (current or former) → its family.
        var familyOfKey: [String: String] = [:]
        var heap = ExpiryHeap<C.Instant, String>()
    }

    private let clock: C
    private let state = Mutex(State())

    /// The most families held at once.
    public let maximumFamilies: Int

    /// Creates a store.
    /// - Parameters:
    ///   - maximumFamilies: The most families to hold (at least 1).
    ///   - clock: The time source for expiry.
    public init(maximumFamilies: Int = 100_000, clock: C) {
        self.maximumFamilies = max(maximumFamilies, 1)
        self.clock = clock
    }

    /// Starts a family whose current token is `key`.
    /// - Throws: ``AuthBridgeError/Code/entryExists`` when the family or key exists (or the family was
    ///   revoked ahead); ``AuthBridgeError/Code/storeFull`` when full of live families.
    public func insert(_ payload: [UInt8], forKey key: String, family: String, subject: String, lifetime: Duration) async throws {
        let now = self.clock.now
        let maximumFamilies = self.maximumFamilies
        try self.state.withLock { state in
            Self.purge(&state, now: now)
            guard state.families[family] == nil, state.familyOfKey[key] == nil else {
                throw AuthBridgeError(.entryExists, kind: .permanent, reason: "the refresh-token family or key exists already, or was revoked ahead")
            }
            guard state.families.count < maximumFamilies else {
                throw AuthBridgeError(.storeFull, kind: .transient, reason: "the refresh-token store holds \(maximumFamilies) live families")
            }
            let expiresAt = now.advanced(by: max(lifetime, .zero))
            state.families[family] = Family(subject: subject, currentKey: key, payload: payload, expiresAt: expiresAt, revoked: false, formerKeys: [])
            state.familyOfKey[key] = family
            state.heap.push(family, expiresAt: expiresAt)
        }
    }

    /// Rotates `key` to `newKey`, atomically; reuse of a former key revokes the family.
    public func rotate(_ key: String, to newKey: String, lifetime: Duration) async throws -> RefreshRotation {
        let now = self.clock.now
        return self.state.withLock { state -> RefreshRotation in
            guard let familyID = state.familyOfKey[key], var family = state.families[familyID], now < family.expiresAt,
                !family.revoked
            else { return .unknown }
            guard family.currentKey == key else {
                state.families[familyID]?.revoked = true
                return .reused(family: familyID)
            }
            guard state.familyOfKey[newKey] == nil else { return .unknown }
            family.formerKeys.append(key)
            family.currentKey = newKey
            // A rotation never extends the family beyond its first lifetime.
            family.expiresAt = min(family.expiresAt, now.advanced(by: max(lifetime, .zero)))
            state.families[familyID] = family
            state.familyOfKey[newKey] = familyID
            return .rotated(payload: family.payload, family: familyID)
        }
    }

    /// Revokes `family`; one that does not exist yet is revoked ahead, for ``RefreshTokenStore/revokedAheadLifetime``.
    public func revokeFamily(_ family: String) async throws {
        let now = self.clock.now
        self.state.withLock { state in
            if state.families[family] != nil {
                state.families[family]?.revoked = true
                return
            }
            // No key maps to it, so it only blocks `insert` and answers `isActive` with false.
            let expiresAt = now.advanced(by: Self.revokedAheadLifetime)
            state.families[family] = Family(subject: "", currentKey: "", payload: [], expiresAt: expiresAt, revoked: true, formerKeys: [])
            state.heap.push(family, expiresAt: expiresAt)
        }
    }

    /// Revokes every family of `subject`.
    @discardableResult
    public func revokeFamilies(ofSubject subject: String) async throws -> Int {
        self.state.withLock { state in
            var revoked = 0
            for (id, family) in state.families where family.subject == subject && !family.revoked {
                state.families[id]?.revoked = true
                revoked += 1
            }
            return revoked
        }
    }

    /// Whether `family` exists, has not expired and is not revoked.
    public func isActive(family: String) async throws -> Bool {
        let now = self.clock.now
        return self.state.withLock { state in
            guard let entry = state.families[family] else { return false }
            return !entry.revoked && now < entry.expiresAt
        }
    }

    private static func purge(_ state: inout State, now: C.Instant) {
        while let earliest = state.heap.earliest, earliest.expiresAt <= now {
            _ = state.heap.popEarliest()
            guard let family = state.families[earliest.id], family.expiresAt <= now else { continue }
            state.families.removeValue(forKey: earliest.id)
            if !family.currentKey.isEmpty { state.familyOfKey.removeValue(forKey: family.currentKey) }
            for key in family.formerKeys { state.familyOfKey.removeValue(forKey: key) }
        }
    }
}

extension InMemoryRefreshTokenStore where C == ContinuousClock {
    /// Creates a store on `ContinuousClock`.
    /// - Parameter maximumFamilies: The most families to hold (at least 1).
    public convenience init(maximumFamilies: Int = 100_000) {
        self.init(maximumFamilies: maximumFamilies, clock: ContinuousClock())
    }
}
