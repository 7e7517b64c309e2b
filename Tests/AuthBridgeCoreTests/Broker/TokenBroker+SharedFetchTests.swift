import AuthBridgeTestSupport
import Synchronization
import Testing

@testable import AuthBridgeCore

/// A coordinator that records what the broker asked and either hands out a shared token or fetches.
final class RecordingCoordinator: SharedFetchCoordinator, Sendable {
    typealias Key = String

    private let shared: AccessToken?
    private let asked = Mutex<[Duration]>([])

    init(shared: AccessToken?) {
        self.shared = shared
    }

    var minimumLifetimes: [Duration] { self.asked.withLock { $0 } }

    func token(for key: String, outliving minimumLifetime: Duration, fetch: () async throws -> AccessToken) async throws -> AccessToken {
        self.asked.withLock { $0.append(minimumLifetime) }
        if let shared { return shared }
        return try await fetch()
    }
}

@Suite struct TokenBrokerSharedFetchTests {
    @Test func aSharedTokenFromTheCoordinatorSparesTheProviderAndTheCache() async throws {
        let clock = ManualClock()
        let cache = InMemoryTokenCache<String, ManualClock>(maximumEntries: 10, clock: clock)
        try await cache.set(makeToken("from-cache"), for: "client-a", expiresIn: .seconds(50))
        let coordinator = RecordingCoordinator(shared: makeToken("from-replica"))
        let fixture = BrokerFixture([.token(makeToken("A"))], cache: cache, coordinator: coordinator)
        #expect(try await fixture.broker.token(for: "client-a").value == Secret("from-replica"))
        #expect(fixture.provider.callCount == 0)
        #expect(coordinator.minimumLifetimes == [.zero])
        await fixture.broker.shutdown()
    }

    @Test func theCoordinatorRunsTheFetchAndARefreshAsksForANewerToken() async throws {
        let coordinator = RecordingCoordinator(shared: nil)
        let fixture = BrokerFixture([.token(makeToken("A")), .token(makeToken("B"))], coordinator: coordinator)
        let handle = fixture.broker.handle(for: "client-a")
        #expect(try await handle.token().value == Secret("A"))
        #expect(fixture.provider.callCount == 1)
        fixture.clock.advance(by: .seconds(81))  // inside the refresh window of a 100 s token
        _ = try await handle.token()
        await eventually("the refresh goes through the coordinator") { coordinator.minimumLifetimes.count == 2 }
        // The broker holds 19 s of token: only a token with more left is newer.
        #expect(coordinator.minimumLifetimes.last == .seconds(19))
        await eventually("the refresh fetched") { fixture.provider.callCount == 2 }
        await eventually("the refreshed token is served") { handle.slot.withState { $0.current?.token.value } == Secret("B") }
        await fixture.broker.shutdown()
    }
}
