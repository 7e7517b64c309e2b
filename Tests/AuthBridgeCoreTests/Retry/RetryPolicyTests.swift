import AuthBridgeCore
import Testing

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(
        maximumAttempts: 4, initialBackoff: .milliseconds(100), maximumBackoff: .milliseconds(300), maximumRetryAfter: .seconds(2))

    @Test func backoffDoublesUpToItsCeilingWithFullJitter() {
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, random: 0.999_999)! < .milliseconds(100))
        #expect(policy.delay(afterAttempt: 2, retryAfter: nil, random: 0.5) == .milliseconds(100))
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil, random: 0.5) == .milliseconds(150))
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, random: 0) == .zero)
    }

    @Test func retryAfterIsHonouredUpToItsMaximum() {
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(1), random: 0.5) == .seconds(1))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(3), random: 0.5) == nil)
    }

    @Test func stopsWhenAttemptsAreUsedUp() {
        #expect(policy.delay(afterAttempt: 4, retryAfter: nil, random: 0.5) == nil)
        #expect(RetryPolicy(maximumAttempts: 0).maximumAttempts == 1)
    }

    /// The broker and the Redis client use the same rule: the ceiling doubles per attempt up to the
    /// maximum whatever the attempt count, and the jittered backoff is a fraction of it.
    @Test func ceilingAndBackoffHaveNoAttemptLimit() {
        let policy = RetryPolicy(maximumAttempts: 2, initialBackoff: .milliseconds(100), maximumBackoff: .seconds(1))
        #expect(policy.ceiling(afterAttempt: 1) == .milliseconds(100))
        #expect(policy.ceiling(afterAttempt: 3) == .milliseconds(400))
        #expect(policy.ceiling(afterAttempt: 50) == .seconds(1))
        #expect(policy.backoff(afterAttempt: 50, random: 0.5) == .milliseconds(500))
        #expect(policy.backoff(afterAttempt: 2, random: 7) == .milliseconds(200))
        #expect(policy.delay(afterAttempt: 2, retryAfter: nil, random: 0.5) == nil)
        let broker = TokenBroker<String, ContinuousClock>.Configuration()
        #expect(broker.retry == TokenBroker<String, ContinuousClock>.Configuration.defaultRetry)
        #expect(broker.retry.maximumAttempts == 4 && broker.retry.maximumBackoff == .seconds(10))
    }
}
