/// Exponential backoff with full jitter that honours a server's `Retry-After`: the one retry policy of
/// the package. The Zendesk and Genesys HTTP layers retry idempotent calls with it, the token broker
/// retries its provider with it (`TokenBroker.Configuration.Retry`), and the Redis client spaces its
/// reconnections by its ceiling.
///
/// Attempt *n* is followed by a random wait in `[0, min(maximumBackoff, initialBackoff × 2^(n-1)))`, or
/// the server's `Retry-After` if that is longer. A `Retry-After` longer than ``maximumRetryAfter`` is
/// not waited for inside a call: the caller gets the failure and the hint, and its own deadline decides.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts per call, the first included (1 disables retries).
    public var maximumAttempts: Int
    /// The backoff ceiling after the first failure.
    public var initialBackoff: Duration
    /// The largest backoff ceiling.
    public var maximumBackoff: Duration
    /// The longest `Retry-After` waited for inside a call.
    public var maximumRetryAfter: Duration

    /// Creates a policy.
    /// - Parameters:
    ///   - maximumAttempts: Attempts per call (at least 1); default 3.
    ///   - initialBackoff: Default 200 ms.
    ///   - maximumBackoff: Default 5 s.
    ///   - maximumRetryAfter: Default 5 s.
    public init(
        maximumAttempts: Int = 3,
        initialBackoff: Duration = .milliseconds(200),
        maximumBackoff: Duration = .seconds(5),
        maximumRetryAfter: Duration = .seconds(5)
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.maximumRetryAfter = maximumRetryAfter
    }

    /// The wait before attempt `attempt + 1`, or `nil` to stop: attempts are used up, or the server
    /// asked for longer than ``maximumRetryAfter``.
    /// - Parameters:
    ///   - attempt: The attempt that just failed, counting from 1.
    ///   - retryAfter: The server's `Retry-After`, if any.
    ///   - random: A uniform value in `[0, 1)` for the jitter.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?, random: Double) -> Duration? {
        guard attempt < self.maximumAttempts else { return nil }
        if let retryAfter, retryAfter > self.maximumRetryAfter { return nil }
        return max(self.backoff(afterAttempt: attempt, random: random), retryAfter ?? .zero)
    }

    /// The backoff ceiling after attempt `attempt` failed: ``initialBackoff`` doubled per further
    /// attempt, at most ``maximumBackoff``; whatever the attempt count.
    /// - Parameter attempt: The attempt that just failed, counting from 1.
    public func ceiling(afterAttempt attempt: Int) -> Duration {
        let initial = max(self.initialBackoff, .zero)
        let maximum = max(self.maximumBackoff, .zero)
        var ceiling = initial
        var step = 1
        while step < attempt, ceiling < maximum {
            ceiling *= 2
            step += 1
        }
        return min(ceiling, maximum)
    }

    /// Full jitter: `random` (clamped to `[0, 1]`) of the ``ceiling(afterAttempt:)``, with no attempt
    /// limit and no `Retry-After`, for callers that decide themselves when to stop (the broker keeps
    /// refreshing while its token is valid).
    /// - Parameters:
    ///   - attempt: The attempt that just failed, counting from 1.
    ///   - random: A uniform value in `[0, 1)`.
    public func backoff(afterAttempt attempt: Int, random: Double) -> Duration {
        self.ceiling(afterAttempt: attempt) * min(max(random, 0), 1)
    }
}
