import AuthBridgeCore
import Testing

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maximumAttempts: 4, initialBackoff: .milliseconds(100), maximumBackoff: .milliseconds(300), maximumRetryAfter: .seconds(2))

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
}
