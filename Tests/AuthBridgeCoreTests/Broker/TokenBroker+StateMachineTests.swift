import AuthBridgeTestSupport
import Testing

@testable import AuthBridgeCore

@Suite("TokenBroker.StateMachine")
struct TokenBrokerStateMachineTests {
    typealias Machine = TokenBroker<String, ManualClock>.StateMachine<Int>
    let t0 = ManualClock.Instant(offset: .seconds(1000))

    func machine(_ configuration: TokenBroker<String, ManualClock>.Configuration = BrokerFixture.configuration) -> Machine {
        Machine(key: "client-a", policy: .init(configuration))
    }

    func at(_ seconds: Double) -> ManualClock.Instant { self.t0.advanced(by: .seconds(seconds)) }

    @Test func firstCallerStartsTheOnlyFetchAndOthersJoinIt() {
        var machine = self.machine()
        guard case .wait = machine.serve(now: self.t0) else { Issue.record("expected wait"); return }
        guard case .waiting(startFetch: true) = machine.enqueue(id: 1, waiter: 1, now: self.t0, isCancelled: false) else {
            Issue.record("first waiter should start the fetch"); return
        }
        for id in 2...50 {
            guard case .waiting(startFetch: false) = machine.enqueue(id: UInt64(id), waiter: id, now: self.t0, isCancelled: false)
            else { Issue.record("later waiters must not start another fetch"); return }
        }
        #expect(machine.beginAttempt()?.attempt == 1)
        guard
            case .publish(_, let waiters) = machine.succeeded(
                token: makeToken("A"), startedAt: self.t0, now: self.t0, jitter: 0)
        else {
            Issue.record("expected publish"); return
        }
        #expect(waiters.sorted() == Array(1...50))
        #expect(machine.flight == nil)
    }

    @Test func refreshStartsOnceInsideTheWindowAndServesMeanwhile() throws {
        var machine = self.machine()
        _ = machine.enqueue(id: 1, waiter: 1, now: self.t0, isCancelled: false)
        _ = machine.beginAttempt()
        _ = machine.succeeded(token: makeToken("A"), startedAt: self.t0, now: self.t0, jitter: 0)
        let current = try #require(machine.current)
        #expect(current.refreshAt == self.at(80))
        #expect(current.expiresAt == self.at(100))

        guard case .token(_, let checkAt, _, startRefresh: false) = machine.serve(now: self.at(79)) else {
            Issue.record("expected plain hit"); return
        }
        #expect(checkAt == self.at(80))
        guard case .token(_, let checkAt2, _, startRefresh: true) = machine.serve(now: self.at(81)) else {
            Issue.record("expected the refresh to start"); return
        }
        #expect(checkAt2 == self.at(100))
        guard case .token(_, _, _, startRefresh: false) = machine.serve(now: self.at(82)) else {
            Issue.record("a second refresh must not start"); return
        }
    }

    @Test func refreshJitterMovesRefreshEarlierWithinItsFraction() throws {
        var configuration = BrokerFixture.configuration
        configuration.refreshJitter = 0.1
        var machine = self.machine(configuration)
        _ = machine.enqueue(id: 1, waiter: 1, now: self.t0, isCancelled: false)
        _ = machine.beginAttempt()
        _ = machine.succeeded(token: makeToken("A"), startedAt: self.t0, now: self.t0, jitter: 0.5)
        // 80 s less half of 10% of 100 s.
        #expect(try #require(machine.current).refreshAt == self.at(75))
    }

    @Test func expiredTokenIsDroppedNotServed() {
        var machine = self.machine()
        _ = machine.enqueue(id: 1, waiter: 1, now: self.t0, isCancelled: false)
        _ = machine.beginAttempt()
        _ = machine.succeeded(token: makeToken("A", expiresIn: .seconds(10)), startedAt: self.t0, now: self.t0, jitter: 0)
        guard case .wait = machine.serve(now: self.at(10)) else { Issue.record("expired token served"); return }
        #expect(machine.current == nil)
    }

    @Test func safetyMarginShortensTheLifetime() throws {
        var configuration = BrokerFixture.configuration
        configuration.expirySafetyMargin = .seconds(5)
        var machine = self.machine(configuration)
        _ = machine.enqueue(id: 1, waiter: 1, now: self.t0, isCancelled: false)
        _ = machine.beginAttempt()
        _ = machine.succeeded(token: makeToken("A"), startedAt: self.t0, now: self.at(1), jitter: 0)
        #expect(try #require(machine.current).expiresAt == self.at(95))
    }

    @Test func tokenWithoutLifetimeIsATransientFailure() {
        var machine = self.machine()
        _ = machine.enqueue(id: 1, waiter: 1, now: self.t0, isCancelled: false)
        _ = machine.beginAttempt()
        guard
            case .reject(.retry(_, let error)) = machine.succeeded(
                token: makeToken("A", expiresIn: .zero), startedAt: self.t0, now: self.t0, jitter: 0)
        else {
            Issue.record("expected a retry"); return
        }
        #expect(error.code == .tokenExpiredOnArrival)
    }

    @Test func backoffIsExponentialWithFullJitterAndCapped() {
        let machine = self.machine()
        #expect(machine.backoff(attempt: 1, jitter: 0.5) == .milliseconds(500))
        #expect(machine.backoff(attempt: 2, jitter: 0.5) == .seconds(1))
        #expect(machine.backoff(attempt: 3, jitter: 0.5) == .seconds(2))
        #expect(machine.backoff(attempt: 4, jitter: 1) == .seconds(8))
        #expect(machine.backoff(attempt: 30, jitter: 1) == .seconds(8))
        #expect(machine.backoff(attempt: 3, jitter: 0) == .zero)
    }

    @Test func retryAfterWinsOverAShorterBackoff() {
        var machine = self.machine()
        _ = machine.enqueue(id: 1, waiter: 1, now: self.t0, isCancelled: false)
        _ = machine.beginAttempt()
        let action = machine.failed(
            error: TestProviderError.transient, kind: .transient, retryAfter: .seconds(30), now: self.t0, jitter: 0.5)
        guard case .retry(let delay, let error) = action else { Issue.record("expected retry"); return }
        #expect(delay == .seconds(30))
        #expect(error.retryAfter == .seconds(30))
    }

    @Test func transientFailuresGiveUpAfterMaximumAttemptsWithoutAToken() {
        var machine = self.machine()
        _ = machine.enqueue(id: 1, waiter: 7, now: self.t0, isCancelled: false)
        for attempt in 1...2 {
            #expect(machine.beginAttempt()?.attempt == attempt)
            guard
                case .retry = machine.failed(
                    error: TestProviderError.transient, kind: .transient, retryAfter: nil, now: self.t0, jitter: 0)
            else {
                Issue.record("attempt \(attempt) should retry"); return
            }
        }
        _ = machine.beginAttempt()
        guard
            case .finish(let error, let waiters) = machine.failed(
                error: TestProviderError.transient, kind: .transient, retryAfter: nil, now: self.t0, jitter: 0)
        else {
            Issue.record("third attempt should give up"); return
        }
        #expect(waiters == [7])
        #expect(error.attempts == 3)
        #expect(error.kind == .transient)
        // No retry-after: the next caller may try again at once.
        guard case .wait = machine.serve(now: self.t0) else { Issue.record("expected wait"); return }
    }

    @Test func permanentFailureIsRememberedAndNotRetried() {
        var machine = self.machine()
        _ = machine.enqueue(id: 1, waiter: 1, now: self.t0, isCancelled: false)
        _ = machine.beginAttempt()
        guard
            case .finish(let error, [1]) = machine.failed(
                error: TestProviderError.permanent, kind: .permanent, retryAfter: nil, now: self.t0, jitter: 0)
        else {
            Issue.record("permanent failure must finish at once"); return
        }
        guard case .fail(let cached) = machine.serve(now: self.at(29)) else { Issue.record("expected cached failure"); return }
        #expect(cached.code == error.code)
        guard case .wait = machine.serve(now: self.at(30)) else { Issue.record("cache should have lapsed"); return }
    }

    @Test func refreshFailureKeepsServingAndRetriesNoLaterThanExpiry() {
        var machine = self.machine()
        _ = machine.enqueue(id: 1, waiter: 1, now: self.t0, isCancelled: false)
        _ = machine.beginAttempt()
        _ = machine.succeeded(token: makeToken("A"), startedAt: self.t0, now: self.t0, jitter: 0)
        guard case .token(_, _, _, startRefresh: true) = machine.serve(now: self.at(99)) else {
            Issue.record("refresh should start"); return
        }
        for _ in 1...5 {
            _ = machine.beginAttempt()
            guard
                case .retry(let delay, _) = machine.failed(
                    error: TestProviderError.transient, kind: .transient, retryAfter: nil, now: self.at(99), jitter: 1)
            else {
                Issue.record("refresh with a valid token keeps retrying"); return
            }
            #expect(delay <= .seconds(1))
        }
        guard case .token = machine.serve(now: self.at(99.5)) else { Issue.record("valid token must be served"); return }
    }

    @Test func cancelledWaiterLeavesTheOthers() {
        var machine = self.machine()
        _ = machine.enqueue(id: 1, waiter: 1, now: self.t0, isCancelled: false)
        _ = machine.enqueue(id: 2, waiter: 2, now: self.t0, isCancelled: false)
        #expect(machine.cancel(id: 1) == 1)
        #expect(machine.cancel(id: 1) == nil)
        _ = machine.beginAttempt()
        guard
            case .publish(_, let waiters) = machine.succeeded(
                token: makeToken("A"), startedAt: self.t0, now: self.t0, jitter: 0)
        else {
            Issue.record("expected publish"); return
        }
        #expect(waiters == [2])
    }

    @Test func alreadyCancelledCallerIsNotRegistered() {
        var machine = self.machine()
        guard case .resume(_, .failure(let error), _) = machine.enqueue(id: 1, waiter: 1, now: self.t0, isCancelled: true) else {
            Issue.record("expected immediate resume"); return
        }
        #expect(error is CancellationError)
        #expect(machine.waiterCount == 0)
        #expect(machine.flight == nil)
    }

    @Test func shutdownReleasesWaitersAndRefusesLaterCalls() {
        var machine = self.machine()
        _ = machine.enqueue(id: 1, waiter: 1, now: self.t0, isCancelled: false)
        #expect(machine.shutDown() == [1])
        #expect(machine.beginAttempt() == nil)
        guard case .fail(let error) = machine.serve(now: self.t0) else { Issue.record("expected failure"); return }
        #expect(error.code == .shutDown)
    }

    @Test func versionChangesWhenStripesMustRefill() throws {
        var machine = self.machine()
        let v0 = machine.version
        _ = machine.enqueue(id: 1, waiter: 1, now: self.t0, isCancelled: false)
        _ = machine.beginAttempt()
        _ = machine.succeeded(token: makeToken("A"), startedAt: self.t0, now: self.t0, jitter: 0)
        let v1 = machine.version
        #expect(v1 != v0)
        let rejectedOther = machine.invalidate(makeToken("other"))
        #expect(!rejectedOther)
        let token = try #require(machine.current).token
        let rejectedCurrent = machine.invalidate(token)
        #expect(rejectedCurrent)
        #expect(machine.version != v1)
    }
}
