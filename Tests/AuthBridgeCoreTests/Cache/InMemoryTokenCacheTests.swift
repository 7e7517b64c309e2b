import AuthBridgeTestSupport
import Testing

@testable import AuthBridgeCore

@Suite("InMemoryTokenCache")
struct InMemoryTokenCacheTests {
    @Test func evictionKeepsTheCacheWithinItsBound() async throws {
        let cache = InMemoryTokenCache<String, ManualClock>(maximumEntries: 100, clock: ManualClock())
        for index in 0..<1_000 {
            try await cache.set(makeToken("t\(index)"), for: "k\(index)", expiresIn: .seconds(60))
            #expect(cache.count <= 100)
        }
        #expect(cache.count == 100)
        #expect(try await cache.token(for: "k899") == nil)
        #expect(try await cache.token(for: "k900")?.value == Secret("t900"))
        #expect(try await cache.token(for: "k999")?.value == Secret("t999"))
    }

    @Test func evictsTheLeastRecentlyUsed() async throws {
        let cache = InMemoryTokenCache<String, ManualClock>(maximumEntries: 2, clock: ManualClock())
        try await cache.set(makeToken("a"), for: "a", expiresIn: .seconds(60))
        try await cache.set(makeToken("b"), for: "b", expiresIn: .seconds(60))
        _ = try await cache.token(for: "a")  // a is now newer than b
        try await cache.set(makeToken("c"), for: "c", expiresIn: .seconds(60))
        #expect(try await cache.token(for: "a") != nil)
        #expect(try await cache.token(for: "b") == nil)
        #expect(try await cache.token(for: "c") != nil)
    }

    @Test func neverReturnsAnExpiredTokenAndReportsWhatIsLeft() async throws {
        let clock = ManualClock()
        let cache = InMemoryTokenCache<String, ManualClock>(maximumEntries: 10, clock: clock)
        try await cache.set(makeToken("a"), for: "a", expiresIn: .seconds(60))
        clock.advance(by: .seconds(45))
        #expect(try await cache.token(for: "a")?.expiresIn == .seconds(15))
        clock.advance(by: .seconds(15))
        #expect(try await cache.token(for: "a") == nil)
        #expect(cache.count == 0)
    }

    @Test func replacesAndRemoves() async throws {
        let cache = InMemoryTokenCache<String, ManualClock>(maximumEntries: 10, clock: ManualClock())
        try await cache.set(makeToken("a"), for: "k", expiresIn: .seconds(60))
        try await cache.set(makeToken("b"), for: "k", expiresIn: .seconds(60))
        #expect(try await cache.token(for: "k")?.value == Secret("b"))
        try await cache.removeToken(for: "k")
        #expect(try await cache.token(for: "k") == nil)
        try await cache.set(makeToken("c"), for: "k", expiresIn: .zero)
        #expect(cache.count == 0)
    }

    @Test func lruTableReusesSlots() {
        var table = LRUTable<Int, Int>(capacity: 3)
        for index in 0..<10 { table.set(index, for: index) }
        #expect(table.count == 3)
        #expect(table.get(9) == 9)
        #expect(table.get(6) == nil)
        #expect(table.remove(8) == 8)
        #expect(table.removeOldest()?.key == 7)
        #expect(table.count == 1)
    }
}
