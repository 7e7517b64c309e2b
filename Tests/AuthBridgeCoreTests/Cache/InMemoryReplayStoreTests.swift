import AuthBridgeCore
import AuthBridgeTestSupport
import Testing

@Suite("InMemoryReplayStore")
struct InMemoryReplayStoreTests {
    @Test func acceptsEachIdentifierOnceUntilItExpires() async throws {
        let clock = ManualClock()
        let store = InMemoryReplayStore(maximumEntries: 10, clock: clock)
        #expect(try await store.insertIfAbsent("jti-1", expiresIn: .seconds(60)))
        #expect(try await !store.insertIfAbsent("jti-1", expiresIn: .seconds(60)))
        clock.advance(by: .seconds(59))
        #expect(try await !store.insertIfAbsent("jti-1", expiresIn: .seconds(60)))
        clock.advance(by: .seconds(1))
        #expect(try await store.insertIfAbsent("jti-1", expiresIn: .seconds(60)))
    }

    @Test func failsClosedWhenFullAndRecoversAsEntriesExpire() async throws {
        let clock = ManualClock()
        let store = InMemoryReplayStore(maximumEntries: 3, clock: clock)
        for index in 0..<3 {
            #expect(try await store.insertIfAbsent("id-\(index)", expiresIn: .seconds(10 + Double(index))))
        }
        let error = await #expect(throws: AuthBridgeError.self) { try await store.insertIfAbsent("id-3", expiresIn: .seconds(10)) }
        #expect(error?.code == .replayStoreFull)
        clock.advance(by: .seconds(10))
        #expect(try await store.insertIfAbsent("id-3", expiresIn: .seconds(10)))
        #expect(store.count == 3)
    }

    @Test func concurrentInsertsOfOneIdentifierAcceptExactlyOne() async throws {
        let store = InMemoryReplayStore(maximumEntries: 100, clock: ManualClock())
        let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<200 { group.addTask { try await store.insertIfAbsent("same", expiresIn: .seconds(5)) } }
            var accepted = 0
            for try await wasNew in group where wasNew { accepted += 1 }
            return accepted
        }
        #expect(accepted == 1)
    }
}
