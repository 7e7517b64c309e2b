import AuthBridgeCore
import AuthBridgeTestSupport
import Testing

@Suite struct InMemorySessionMappingStoreTests {
    @Test func firstInsertWinsUntilExpiry() async throws {
        let clock = ManualClock()
        let store = InMemorySessionMappingStore(maximumEntries: 10, clock: clock)
        #expect(try await store.mapping(forKey: "k") == nil)
        #expect(try await store.insertIfAbsent([1], forKey: "k", lifetime: .seconds(60)) == [1])
        #expect(try await store.insertIfAbsent([2], forKey: "k", lifetime: .seconds(60)) == [1])
        #expect(try await store.mapping(forKey: "k") == [1])
        clock.advance(by: .seconds(60))
        #expect(try await store.mapping(forKey: "k") == nil)
        #expect(try await store.insertIfAbsent([3], forKey: "k", lifetime: .seconds(60)) == [3])
    }

    @Test func concurrentInsertsAgreeOnOneWinner() async throws {
        let store = InMemorySessionMappingStore(maximumEntries: 10, clock: ManualClock())
        let results = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for value in 0..<50 { group.addTask { try await store.insertIfAbsent([UInt8(value)], forKey: "k", lifetime: .seconds(60)) } }
            return try await group.reduce(into: Set<[UInt8]>()) { $0.insert($1) }
        }
        #expect(results.count == 1)
    }

    @Test func removeForgetsAndFullStoreFailsClosed() async throws {
        let clock = ManualClock()
        let store = InMemorySessionMappingStore(maximumEntries: 1, clock: clock)
        _ = try await store.insertIfAbsent([1], forKey: "a", lifetime: .seconds(10))
        await #expect(throws: AuthBridgeError.self) { try await store.insertIfAbsent([2], forKey: "b", lifetime: .seconds(10)) }
        try await store.removeMapping(forKey: "a")
        #expect(try await store.mapping(forKey: "a") == nil)
        #expect(try await store.insertIfAbsent([2], forKey: "b", lifetime: .seconds(10)) == [2])
        #expect(store.count == 1)
    }

    /// The compare-and-swap the conversation ledger relies on: a stale writer loses, a removal is only
    /// the owner's, and extending never recreates a removed payload.
    @Test func replaceRemoveAndExtendCompareFirst() async throws {
        let store = InMemorySessionMappingStore()
        _ = try await store.insertIfAbsent([1], forKey: "k", lifetime: .seconds(60))
        #expect(try await store.replaceMapping([2], forKey: "k", ifCurrent: [9], lifetime: .seconds(60)) == false)
        #expect(try await store.replaceMapping([2], forKey: "k", ifCurrent: [1], lifetime: .seconds(60)))
        #expect(try await store.mapping(forKey: "k") == [2])
        #expect(try await store.removeMapping(forKey: "k", ifCurrent: [1]) == false)
        #expect(try await store.extendMapping(forKey: "k", lifetime: .seconds(60)))
        #expect(try await store.removeMapping(forKey: "k", ifCurrent: [2]))
        #expect(try await store.extendMapping(forKey: "k", lifetime: .seconds(60)) == false)
        #expect(try await store.mapping(forKey: "k") == nil)
    }
}
