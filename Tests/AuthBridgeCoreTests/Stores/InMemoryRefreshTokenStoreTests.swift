import AuthBridgeCore
import AuthBridgeTestSupport
import Testing

@Suite struct InMemoryRefreshTokenStoreTests {
    @Test func rotatesAndDetectsReuseByRevokingTheFamily() async throws {
        let store = InMemoryRefreshTokenStore(maximumFamilies: 10, clock: ManualClock())
        try await store.insert([9], forKey: "t1", family: "f", subject: "s", lifetime: .seconds(100))
        #expect(try await store.rotate("t1", to: "t2", lifetime: .seconds(100)) == .rotated(payload: [9], family: "f"))
        #expect(try await store.rotate("t2", to: "t3", lifetime: .seconds(100)) == .rotated(payload: [9], family: "f"))
        #expect(try await store.isActive(family: "f"))
        // t1 was rotated away: reuse revokes the family, so t3 stops working too.
        #expect(try await store.rotate("t1", to: "t4", lifetime: .seconds(100)) == .reused(family: "f"))
        #expect(try await !store.isActive(family: "f"))
        #expect(try await store.rotate("t3", to: "t5", lifetime: .seconds(100)) == .unknown)
    }

    @Test func familiesExpireAndRotationNeverExtendsThem() async throws {
        let clock = ManualClock()
        let store = InMemoryRefreshTokenStore(maximumFamilies: 10, clock: clock)
        try await store.insert([], forKey: "t1", family: "f", subject: "s", lifetime: .seconds(100))
        clock.advance(by: .seconds(90))
        #expect(try await store.rotate("t1", to: "t2", lifetime: .seconds(100)) == .rotated(payload: [], family: "f"))
        clock.advance(by: .seconds(10))
        #expect(try await store.rotate("t2", to: "t3", lifetime: .seconds(100)) == .unknown)
        #expect(try await !store.isActive(family: "f"))
    }

    @Test func revokesBySubjectAndFailsClosedWhenFull() async throws {
        let store = InMemoryRefreshTokenStore(maximumFamilies: 2, clock: ManualClock())
        try await store.insert([], forKey: "a", family: "fa", subject: "alice", lifetime: .seconds(100))
        try await store.insert([], forKey: "b", family: "fb", subject: "bob", lifetime: .seconds(100))
        await #expect(throws: AuthBridgeError.self) {
            try await store.insert([], forKey: "c", family: "fc", subject: "carol", lifetime: .seconds(100))
        }
        #expect(try await store.revokeFamilies(ofSubject: "alice") == 1)
        #expect(try await store.rotate("a", to: "a2", lifetime: .seconds(100)) == .unknown)
        #expect(try await store.rotate("b", to: "b2", lifetime: .seconds(100)) == .rotated(payload: [], family: "fb"))
        try await store.revokeFamily("fb")
        #expect(try await !store.isActive(family: "fb"))
    }

    @Test func aFamilyRevokedBeforeItExistsCannotStartUntilTheTombstoneExpires() async throws {
        let clock = ManualClock()
        let store = InMemoryRefreshTokenStore(maximumFamilies: 10, clock: clock)
        try await store.revokeFamily("early")
        #expect(try await !store.isActive(family: "early"))
        await #expect {
            try await store.insert([], forKey: "k", family: "early", subject: "s", lifetime: .seconds(100))
        } throws: { ($0 as? AuthBridgeError)?.code == .entryExists }
        #expect(try await store.rotate("k", to: "k2", lifetime: .seconds(100)) == .unknown)
        clock.advance(by: InMemoryRefreshTokenStore<ManualClock>.revokedAheadLifetime + .seconds(1))
        try await store.insert([], forKey: "k", family: "early", subject: "s", lifetime: .seconds(100))
        #expect(try await store.isActive(family: "early"))
    }

    @Test func concurrentRotationsOfOneTokenRotateOnce() async throws {
        let store = InMemoryRefreshTokenStore(maximumFamilies: 10, clock: ManualClock())
        try await store.insert([], forKey: "t", family: "f", subject: "s", lifetime: .seconds(100))
        let rotated = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<50 {
                group.addTask {
                    if case .rotated = try await store.rotate("t", to: "n\(index)", lifetime: .seconds(100)) { return true }
                    return false
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(rotated == 1)
    }
}
