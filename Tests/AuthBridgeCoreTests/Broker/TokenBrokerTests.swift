import AuthBridgeTestSupport
import InMemoryLogging
import Logging
import MetricsTestKit
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing

@testable import AuthBridgeCore

@Suite("TokenBroker")
struct TokenBrokerTests {
    @Test func singleFlightUnderAThousandConcurrentCallers() async throws {
        let gate = Gate()
        let fixture = BrokerFixture([.wait(gate)])
        let handle = fixture.broker.handle(for: "client-a")
        try await withThrowingTaskGroup(of: AccessToken.self) { group in
            for _ in 0..<1000 {
                group.addTask { try await handle.token() }
            }
            // The fetch starts in a task of its own, so under load the callers may all wait before the
            // provider has been entered: wait for both, then check it was entered once.
            await eventually("all callers wait") { handle.slot.withState { $0.waiterCount } == 1000 && fixture.provider.callCount > 0 }
            #expect(fixture.provider.callCount == 1)
            gate.open(.success(makeToken("A")))
            var served = 0
            for try await token in group {
                #expect(token.value == Secret("A"))
                served += 1
            }
            #expect(served == 1000)
        }
        #expect(fixture.provider.callCount == 1)
        #expect(try fixture.metrics.expectCounter("authbridge_token_broker_misses_total", [("broker", "test")]).totalValue == 1000)
        await fixture.broker.shutdown()
        #expect(fixture.broker.runningFlights == 0)
    }

    @Test func everyCallerGetsTheSharedError() async throws {
        let gate = Gate()
        let fixture = BrokerFixture([.wait(gate)])
        let handle = fixture.broker.handle(for: "client-a")
        try await withThrowingTaskGroup(of: AuthBridgeError?.self) { group in
            for _ in 0..<100 {
                group.addTask {
                    do {
                        _ = try await handle.token()
                        return nil
                    } catch let error as AuthBridgeError {
                        return error
                    }
                }
            }
            await eventually("all callers wait") { handle.slot.withState { $0.waiterCount } == 100 }
            gate.open(.failure(TestProviderError.permanent))
            for try await error in group {
                #expect(error?.code == .tokenFetchFailed)
                #expect(error?.kind == .permanent)
            }
        }
        #expect(fixture.provider.callCount == 1)
        await fixture.broker.shutdown()
    }

    @Test func hitsDoNotCallTheProviderAgain() async throws {
        let fixture = BrokerFixture([.token(makeToken("A"))])
        let handle = fixture.broker.handle(for: "client-a")
        for _ in 0..<100 {
            #expect(try await handle.token().value == Secret("A"))
        }
        #expect(fixture.provider.callCount == 1)
        #expect(try await fixture.broker.token(for: "client-a").value == Secret("A"))
        // All but the first fetch and the first read of this thread came from the read stripe.
        #expect(fixture.broker.stripes.totalHits() >= 90)
        fixture.broker.reportHits()
        let hits = try fixture.metrics.expectCounter("authbridge_token_broker_hits_total", [("broker", "test")])
        #expect(hits.totalValue == 100)
        await fixture.broker.shutdown()
    }

    @Test func refreshAheadHappensBeforeExpiryAndCallersNeverWait() async throws {
        let gate = Gate()
        let fixture = BrokerFixture([.token(makeToken("A")), .wait(gate)])
        let handle = fixture.broker.handle(for: "client-a")
        #expect(try await handle.token().value == Secret("A"))

        fixture.clock.advance(by: .seconds(79))
        #expect(try await handle.token().value == Secret("A"))
        #expect(fixture.provider.callCount == 1)

        fixture.clock.advance(by: .seconds(2))  // 81 s: inside the refresh window, before expiry
        for _ in 0..<50 {
            // Returns at once with the current token while the refresh is stuck at the gate.
            #expect(try await handle.token().value == Secret("A"))
        }
        await eventually("the refresh calls the provider") { fixture.provider.callCount == 2 }
        #expect(handle.slot.withState { $0.waiterCount } == 0)
        gate.open(.success(makeToken("B")))
        await eventually("the refreshed token is served") {
            handle.slot.withState { $0.current?.token.value == Secret("B") }
        }
        #expect(try await handle.token().value == Secret("B"))
        #expect(fixture.provider.callCount == 2)
        #expect(try fixture.metrics.expectCounter("authbridge_token_broker_refreshes_total", [("broker", "test")]).totalValue == 1)
        await fixture.broker.shutdown()
    }

    @Test func expiredTokenIsNeverReturned() async throws {
        let gate = Gate()
        let fixture = BrokerFixture([.token(makeToken("A", expiresIn: .seconds(10))), .wait(gate)])
        let handle = fixture.broker.handle(for: "client-a")
        for _ in 0..<10 { #expect(try await handle.token().value == Secret("A")) }

        fixture.clock.advance(by: .seconds(10))
        let caller = Task { try await handle.token() }
        await eventually("the caller waits for a new token") { handle.slot.withState { $0.waiterCount } == 1 }
        gate.open(.success(makeToken("B")))
        #expect(try await caller.value.value == Secret("B"))
        await fixture.broker.shutdown()
    }

    @Test func expiredTokenIsNotReturnedWhileTheProviderFails() async throws {
        let fixture = BrokerFixture([.token(makeToken("A", expiresIn: .seconds(10))), .fail(TestProviderError.permanent)])
        let handle = fixture.broker.handle(for: "client-a")
        #expect(try await handle.token().value == Secret("A"))
        fixture.clock.advance(by: .seconds(11))
        await #expect(throws: AuthBridgeError.self) { try await handle.token() }
        await fixture.broker.shutdown()
    }

    @Test func refreshFailureKeepsServingTheValidToken() async throws {
        let fixture = BrokerFixture([.token(makeToken("A")), .fail(TestProviderError.transient)])
        let handle = fixture.broker.handle(for: "client-a")
        #expect(try await handle.token().value == Secret("A"))
        fixture.clock.advance(by: .seconds(81))
        #expect(try await handle.token().value == Secret("A"))
        await eventually("the refresh fails and backs off") { fixture.clock.sleeperDeadlines.count == 1 }
        #expect(fixture.provider.callCount == 2)
        for _ in 0..<20 { #expect(try await handle.token().value == Secret("A")) }

        // Retries keep failing; the token keeps being served until it expires.
        for attempt in 3...5 {
            let deadline = try #require(fixture.clock.sleeperDeadlines.first)
            fixture.clock.advance(by: fixture.clock.now.duration(to: deadline))
            await eventually("retry \(attempt) runs") { fixture.provider.callCount == attempt }
            await eventually("retry \(attempt) backs off") { fixture.clock.sleeperDeadlines.count == 1 }
            #expect(try await handle.token().value == Secret("A"))
        }
        let failures = try fixture.metrics.expectCounter(
            "authbridge_token_broker_failures_total", [("broker", "test"), ("kind", "transient")])
        #expect(failures.totalValue == 4)
        await fixture.broker.shutdown()
        #expect(fixture.broker.runningFlights == 0)
    }

    @Test func backoffUsesFullJitterOnTheInjectedClock() async throws {
        let gate = Gate()
        let fixture = BrokerFixture([.fail(TestProviderError.transient), .fail(TestProviderError.transient), .wait(gate)])
        let handle = fixture.broker.handle(for: "client-a")
        let start = fixture.clock.now
        let caller = Task { try await handle.token() }

        // Attempt 1 fails: ceiling 1 s, jitter 0.5 → 0.5 s.
        await eventually("first backoff") { fixture.clock.sleeperDeadlines.count == 1 }
        #expect(fixture.clock.sleeperDeadlines == [start.advanced(by: .milliseconds(500))])
        fixture.clock.advance(by: .milliseconds(499))
        #expect(fixture.provider.callCount == 1)
        fixture.clock.advance(by: .milliseconds(1))

        // Attempt 2 fails: ceiling 2 s → 1 s.
        await eventually("second backoff") { fixture.provider.callCount == 2 && fixture.clock.sleeperDeadlines.count == 1 }
        #expect(fixture.clock.sleeperDeadlines == [start.advanced(by: .milliseconds(1500))])
        fixture.clock.advance(by: .seconds(1))
        await eventually("third attempt") { fixture.provider.callCount == 3 }
        gate.open(.success(makeToken("A")))
        #expect(try await caller.value.value == Secret("A"))
        await fixture.broker.shutdown()
    }

    @Test func retryAfterIsHonoured() async throws {
        let retryLater = TestProviderError(failureKind: .transient, retryAfter: .seconds(30))
        let fixture = BrokerFixture([.fail(retryLater), .token(makeToken("A"))])
        let handle = fixture.broker.handle(for: "client-a")
        let start = fixture.clock.now
        let caller = Task { try await handle.token() }
        await eventually("the flight backs off") { fixture.clock.sleeperDeadlines.count == 1 }
        #expect(fixture.clock.sleeperDeadlines == [start.advanced(by: .seconds(30))])
        fixture.clock.advance(by: .seconds(29))
        await Task.yield()
        #expect(fixture.provider.callCount == 1)
        fixture.clock.advance(by: .seconds(1))
        #expect(try await caller.value.value == Secret("A"))
        #expect(fixture.provider.callCount == 2)
        await fixture.broker.shutdown()
    }

    @Test func retryAfterAlsoHoldsOffNewCallersAfterGivingUp() async throws {
        var configuration = BrokerFixture.configuration
        configuration.retry.maximumAttempts = 1
        let retryLater = TestProviderError(failureKind: .transient, retryAfter: .seconds(60))
        let fixture = BrokerFixture([.fail(retryLater), .token(makeToken("A"))], configuration: configuration)
        let handle = fixture.broker.handle(for: "client-a")
        let error = await #expect(throws: AuthBridgeError.self) { try await handle.token() }
        #expect(error?.retryAfter == .seconds(60))
        fixture.clock.advance(by: .seconds(59))
        await #expect(throws: AuthBridgeError.self) { try await handle.token() }
        #expect(fixture.provider.callCount == 1)
        fixture.clock.advance(by: .seconds(1))
        #expect(try await handle.token().value == Secret("A"))
        await fixture.broker.shutdown()
    }

    @Test func permanentFailuresAreNotRetriedInALoop() async throws {
        let fixture = BrokerFixture([.fail(TestProviderError.permanent), .token(makeToken("A"))])
        let handle = fixture.broker.handle(for: "client-a")
        for _ in 0..<50 {
            let error = await #expect(throws: AuthBridgeError.self) { try await handle.token() }
            #expect(error?.kind == .permanent)
            #expect(error?.code == .tokenFetchFailed)
        }
        #expect(fixture.provider.callCount == 1)
        #expect(fixture.clock.sleeperDeadlines.isEmpty)
        #expect(fixture.broker.runningFlights == 0)

        fixture.clock.advance(by: .seconds(30))
        #expect(try await handle.token().value == Secret("A"))
        #expect(fixture.provider.callCount == 2)
        await fixture.broker.shutdown()
    }

    @Test func cancellingOneWaiterLeavesTheOthersServed() async throws {
        let gate = Gate()
        let fixture = BrokerFixture([.wait(gate)])
        let handle = fixture.broker.handle(for: "client-a")
        let cancelled = Task { try await handle.token() }
        let others = (0..<3).map { _ in Task { try await handle.token() } }
        await eventually("all four wait") { handle.slot.withState { $0.waiterCount } == 4 }
        cancelled.cancel()
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        #expect(handle.slot.withState { $0.waiterCount } == 3)
        gate.open(.success(makeToken("A")))
        for task in others {
            #expect(try await task.value.value == Secret("A"))
        }
        #expect(fixture.provider.callCount == 1)
        await fixture.broker.shutdown()
    }

    @Test func invalidatedTokenIsReplaced() async throws {
        let fixture = BrokerFixture([.token(makeToken("A")), .token(makeToken("B"))])
        let handle = fixture.broker.handle(for: "client-a")
        let first = try await handle.token()
        handle.invalidate(first)
        #expect(try await handle.token().value == Secret("B"))
        handle.invalidate(first)  // stale: keeps B
        #expect(try await handle.token().value == Secret("B"))
        #expect(fixture.provider.callCount == 2)
        await fixture.broker.shutdown()
    }

    @Test func keysAreIndependent() async throws {
        let fixture = BrokerFixture([.token(makeToken("A"))])
        let a = fixture.broker.handle(for: "client-a")
        let b = fixture.broker.handle(for: "client-b")
        #expect(fixture.broker.handle(for: "client-a").slot === a.slot)
        _ = try await a.token()
        _ = try await b.token()
        _ = try await a.token()
        #expect(fixture.provider.callCount == 2)
        await fixture.broker.shutdown()
    }

    @Test func secondLevelCacheIsReadBeforeTheProviderAndWrittenAfter() async throws {
        let clock = ManualClock()
        let shared = InMemoryTokenCache<String, ManualClock>(maximumEntries: 10, clock: clock)
        try await shared.set(makeToken("from-cache"), for: "client-a", expiresIn: .seconds(50))
        let fixture = BrokerFixture([.token(makeToken("A"))], cache: shared)
        #expect(try await fixture.broker.token(for: "client-a").value == Secret("from-cache"))
        #expect(fixture.provider.callCount == 0)
        #expect(try await fixture.broker.token(for: "client-b").value == Secret("A"))
        #expect(try await shared.token(for: "client-b")?.value == Secret("A"))
        await fixture.broker.shutdown()
    }

    @Test func shutdownEndsFlightsAndFailsWaiters() async throws {
        let gate = Gate()
        let fixture = BrokerFixture([.wait(gate)])
        let handle = fixture.broker.handle(for: "client-a")
        let caller = Task { try await handle.token() }
        await eventually("the caller waits") { handle.slot.withState { $0.waiterCount } == 1 }
        // The gate ignores cancellation, as a slow provider might; open it once shutdown has cancelled.
        let shutdown = Task { await fixture.broker.shutdown() }
        let error = await #expect(throws: AuthBridgeError.self) { try await caller.value }
        #expect(error?.code == .shutDown)
        gate.open(.success(makeToken("late")))
        await shutdown.value
        #expect(fixture.broker.runningFlights == 0)
        let after = await #expect(throws: AuthBridgeError.self) { try await handle.token() }
        #expect(after?.code == .shutDown)
    }

    @Test func serviceStopsOnGracefulShutdown() async throws {
        let fixture = BrokerFixture([.token(makeToken("A"))])
        let handle = fixture.broker.handle(for: "client-a")
        try await testGracefulShutdown { trigger in
            let service = Task { try await fixture.broker.run() }
            for _ in 0..<3 { #expect(try await handle.token().value == Secret("A")) }
            await eventually("the metrics loop sleeps") { fixture.clock.sleeperDeadlines.count == 1 }
            fixture.clock.advance(by: .seconds(10))
            await eventually("hits are reported") {
                (try? fixture.metrics.expectCounter("authbridge_token_broker_hits_total", [("broker", "test")]).totalValue) == 2
            }
            trigger.triggerGracefulShutdown()
            try await service.value
        }
        #expect(fixture.broker.runningFlights == 0)
        await #expect(throws: AuthBridgeError.self) { try await handle.token() }
    }

    @Test func noSecretInLogsOrErrors() async throws {
        let secret = "eyJhbGciOiJSUzI1NiJ9.super-secret-token-value"
        let fixture = BrokerFixture([
            .token(makeToken(secret)),
            .fail(LeakyError(secret: secret)),
            .fail(TestProviderError.permanent),
        ])
        let handle = fixture.broker.handle(for: "client-a")
        #expect(try await handle.token().value.revealed == secret)
        fixture.clock.advance(by: .seconds(81))
        _ = try await handle.token()  // starts a refresh that fails with the leaky error
        await eventually("the refresh backs off") { fixture.clock.sleeperDeadlines.count == 1 }
        fixture.clock.advance(by: .seconds(19))  // the retry fails permanently; the token has expired
        await eventually("the flight ends") { fixture.broker.runningFlights == 0 }
        let error = await #expect(throws: AuthBridgeError.self) { try await handle.token() }
        let entries = fixture.logs.entries
        #expect(!entries.isEmpty)
        for entry in entries {
            #expect(!"\(entry.message) \(entry.metadata)".contains("super-secret"))
        }
        #expect(entries.contains { $0.level == .warning })
        #expect(!String(describing: error).contains("super-secret"))
        await fixture.broker.shutdown()
    }

    @Test func concurrentReadersNeverSeeAnExpiredToken() async throws {
        let fixture = BrokerFixture([.token(makeToken("A", expiresIn: .seconds(10))), .token(makeToken("B", expiresIn: .seconds(1000)))])
        let handle = fixture.broker.handle(for: "client-a")
        #expect(try await handle.token().value == Secret("A"))
        let clock = fixture.clock
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<5_000 {
                        let before = clock.now
                        let token = try await handle.token()
                        if token.value == Secret("A") {
                            // A may only be returned if the call began before A's expiry.
                            #expect(before < start.advanced(by: .seconds(10)))
                        } else {
                            #expect(token.value == Secret("B"))
                        }
                    }
                }
            }
            group.addTask {
                for _ in 0..<20 {
                    clock.advance(by: .seconds(1))
                    await Task.yield()
                }
            }
            try await group.waitForAll()
        }
        #expect(try await handle.token().value == Secret("B"))
        #expect(fixture.provider.callCount == 2)
        await fixture.broker.shutdown()
    }
}
