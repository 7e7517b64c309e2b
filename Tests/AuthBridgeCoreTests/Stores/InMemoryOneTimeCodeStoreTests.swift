import AuthBridgeCore
import AuthBridgeTestSupport
import Testing

@Suite struct InMemoryOneTimeCodeStoreTests {
    @Test func consumesOnceThenReportsReuseUntilExpiry() async throws {
        let clock = ManualClock()
        let store = InMemoryOneTimeCodeStore(maximumEntries: 10, clock: clock)
        #expect(try await store.insert([1, 2], forKey: "k", lifetime: .seconds(60)))
        #expect(try await !store.insert([3], forKey: "k", lifetime: .seconds(60)))
        #expect(try await store.consume("k") == .first([1, 2]))
        #expect(try await store.consume("k") == .repeated([1, 2]))
        #expect(try await store.consume("other") == .unknown)
        clock.advance(by: .seconds(60))
        #expect(try await store.consume("k") == .unknown)
    }

    @Test func concurrentConsumersSeeExactlyOneFirst() async throws {
        let store = InMemoryOneTimeCodeStore(maximumEntries: 10, clock: ManualClock())
        _ = try await store.insert([7], forKey: "k", lifetime: .seconds(60))
        let firsts = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<100 { group.addTask { try await store.consume("k") == .first([7]) } }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(firsts == 1)
    }

    @Test func failsClosedWhenFullAndRecoversAfterExpiry() async throws {
        let clock = ManualClock()
        let store = InMemoryOneTimeCodeStore(maximumEntries: 2, clock: clock)
        _ = try await store.insert([], forKey: "a", lifetime: .seconds(10))
        _ = try await store.insert([], forKey: "b", lifetime: .seconds(10))
        await #expect(throws: AuthBridgeError.self) { try await store.insert([], forKey: "c", lifetime: .seconds(10)) }
        clock.advance(by: .seconds(10))
        #expect(try await store.insert([], forKey: "c", lifetime: .seconds(10)))
        #expect(store.count == 1)
    }

    @Test("a large store is sharded: each code lands in one shard, duplicates are refused, the bound holds")
    func shardedStore() async throws {
        let clock = ManualClock()
        let store = InMemoryOneTimeCodeStore(maximumEntries: 16_384, clock: clock)
        var inserted = 0
        var full = false
        while inserted < 20_000 {
            do {
                #expect(try await store.insert([UInt8(inserted & 0xFF)], forKey: "code:\(inserted)", lifetime: .seconds(60)))
                inserted += 1
            } catch let error as AuthBridgeError {
                #expect(error.code == .storeFull)
                full = true
                break
            }
        }
        // Fails closed once a shard holds its share: never above the bound, and not far below it.
        #expect(full)
        #expect(store.count == inserted)
        #expect(inserted <= 16_384 && inserted > 14_000)
        #expect(try await store.insert([], forKey: "code:7", lifetime: .seconds(60)) == false)
        #expect(try await store.consume("code:7") == .first([7]))
        #expect(try await store.consume("code:7") == .repeated([7]))
        #expect(try await store.consume("code:unknown") == .unknown)
        // Expired codes free their shard's room: the shard that was full takes a code again.
        clock.advance(by: .seconds(60))
        #expect(try await store.insert([], forKey: "code:\(inserted)", lifetime: .seconds(60)))
    }

    @Test("a store of a million codes (one shard per 16,384) keeps each code in one place across its shards")
    func manyShards() async throws {
        let clock = ManualClock()
        let store = InMemoryOneTimeCodeStore(maximumEntries: 1_000_000, clock: clock)
        for index in 0..<2_000 {
            #expect(try await store.insert([UInt8(index & 0xFF)], forKey: "code:\(index)", lifetime: .seconds(60)))
        }
        #expect(store.count == 2_000)
        for index in stride(from: 0, to: 2_000, by: 97) {
            #expect(try await store.insert([], forKey: "code:\(index)", lifetime: .seconds(60)) == false)
            #expect(try await store.consume("code:\(index)") == .first([UInt8(index & 0xFF)]))
            #expect(try await store.consume("code:\(index)") == .repeated([UInt8(index & 0xFF)]))
        }
        clock.advance(by: .seconds(60))
        #expect(try await store.consume("code:5") == .unknown)
    }
}
