import AuthBridgeTestSupport
import MetricsTestKit
import Testing

@testable import AuthBridgeCore

@Suite("TokenBroker eviction")
struct TokenBrokerEvictionTests {
    private static func configuration(maximumKeys: Int?) -> TokenBroker<String, ManualClock>.Configuration {
        var configuration = BrokerFixture.configuration
        configuration.maximumKeys = maximumKeys
        return configuration
    }

    @Test func withoutABoundEveryKeyKeepsItsSlot() async throws {
        let fixture = BrokerFixture([.token(makeToken("A", expiresIn: .seconds(100)))], configuration: Self.configuration(maximumKeys: nil))
        for index in 0..<50 { _ = try await fixture.broker.token(for: "k\(index)") }
        #expect(fixture.broker.slotCount == 50)
        await fixture.broker.shutdown()
    }

    @Test func expiredSlotsGoFirstThenTheSoonestToExpire() async throws {
        let fixture = BrokerFixture([.token(makeToken("A", expiresIn: .seconds(100)))], configuration: Self.configuration(maximumKeys: 3))
        _ = try await fixture.broker.token(for: "old")
        fixture.clock.advance(by: .seconds(50))
        _ = try await fixture.broker.token(for: "mid")
        _ = try await fixture.broker.token(for: "new")
        #expect(fixture.broker.slotCount == 3)

        // Full, all valid: the one expiring first ("old") makes room.
        _ = try await fixture.broker.token(for: "fourth")
        #expect(fixture.broker.slotCount == 3)
        let callsBefore = fixture.provider.callCount
        _ = try await fixture.broker.token(for: "mid")
        #expect(fixture.provider.callCount == callsBefore, "mid was kept and is still a hit")
        _ = try await fixture.broker.token(for: "old")
        #expect(fixture.provider.callCount == callsBefore + 1, "old was evicted and is fetched again")

        // Everything expired: all of it is swept at once.
        fixture.clock.advance(by: .seconds(500))
        _ = try await fixture.broker.token(for: "fresh")
        #expect(fixture.broker.slotCount == 1)
        #expect(try fixture.metrics.expectCounter("authbridge_token_broker_evictions_total", [("broker", "test")]).totalValue >= 4)
        await fixture.broker.shutdown()
    }

    @Test func aSlotWithAFlightIsNeverEvicted() async throws {
        let gate = Gate()
        let fixture = BrokerFixture([.wait(gate)], configuration: Self.configuration(maximumKeys: 1))
        let waiting = Task { try await fixture.broker.token(for: "busy") }
        await eventually("the fetch is in flight") { fixture.broker.runningFlights == 1 }
        _ = fixture.broker.handle(for: "other")
        #expect(fixture.broker.slotCount == 2, "the busy slot stays; the bound is exceeded briefly")
        gate.open(.success(makeToken("B", expiresIn: .seconds(100))))
        #expect(try await waiting.value.value == Secret("B"))
        await fixture.broker.shutdown()
    }

    @Test func aReusedIndexNeverServesTheEvictedKeysToken() async throws {
        let fixture = BrokerFixture(
            [.token(makeToken("first", expiresIn: .seconds(100))), .token(makeToken("second", expiresIn: .seconds(100)))],
            configuration: Self.configuration(maximumKeys: 1)
        )
        let oldHandle = fixture.broker.handle(for: "a")
        #expect(try await oldHandle.token().value == Secret("first"))
        let newHandle = fixture.broker.handle(for: "b")
        #expect(newHandle.slot.index == oldHandle.slot.index)
        #expect(try await newHandle.token().value == Secret("second"))
        // The old handle works on alone and still gets its own key's token, not b's.
        #expect(try await oldHandle.token().value == Secret("first"))
        #expect(try await newHandle.token().value == Secret("second"))
        await fixture.broker.shutdown()
    }

    @Test func anExpiredSlotGoesBeforeValidOnes() async throws {
        let fixture = BrokerFixture([.token(makeToken("A", expiresIn: .seconds(100)))], configuration: Self.configuration(maximumKeys: 3))
        _ = try await fixture.broker.token(for: "old")
        fixture.clock.advance(by: .seconds(60))
        _ = try await fixture.broker.token(for: "mid")
        _ = try await fixture.broker.token(for: "new")
        fixture.clock.advance(by: .seconds(50))  // "old" has expired; "mid" and "new" are valid
        _ = try await fixture.broker.token(for: "fourth")
        let callsBefore = fixture.provider.callCount
        _ = try await fixture.broker.token(for: "mid")
        _ = try await fixture.broker.token(for: "new")
        #expect(fixture.provider.callCount == callsBefore, "the valid slots were kept")
        #expect(fixture.broker.slotCount == 3)
        await fixture.broker.shutdown()
    }

    @Test func aSlotNotYetAskedIsNotEvictedUnderItsCaller() async throws {
        let fixture = BrokerFixture([.token(makeToken("A", expiresIn: .seconds(100)))], configuration: Self.configuration(maximumKeys: 1))
        let resolved = fixture.broker.handle(for: "a")
        _ = fixture.broker.handle(for: "b")  // a concurrent caller resolving another key on a full table
        #expect(fixture.broker.slotCount == 2, "the just-resolved slot stays until its caller asks")
        _ = try await resolved.token()
        #expect(fixture.broker.handle(for: "a").slot.index == resolved.slot.index, "later callers share it")
        await fixture.broker.shutdown()
    }
}
