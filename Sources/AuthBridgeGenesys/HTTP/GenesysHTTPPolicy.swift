internal import AuthBridgeCore

/// Timeouts, size caps and retries for every request this module sends to Genesys Cloud.
///
/// Retries apply only to requests that are idempotent (reads, `PUT`, `PATCH` of attributes, signing) or
/// made so by the caller (external contact upserts look up before they create). Creating a guest chat is
/// never retried: a second attempt would start a second conversation.
public struct GenesysHTTPPolicy: Sendable {
    /// How long one attempt may take, from connect to the last body byte.
    public var requestTimeout: Duration
    /// The largest response body accepted; larger ones fail with ``GenesysError/Code/responseTooLarge``.
    public var maximumResponseBytes: Int
    /// The largest request body sent; larger ones fail with ``GenesysError/Code/requestTooLarge`` before
    /// anything is sent.
    public var maximumRequestBytes: Int
    /// How transient failures of idempotent requests are retried.
    public var retry: Retry

    /// Creates a policy.
    /// - Parameters:
    ///   - requestTimeout: Per attempt; default 10 s.
    ///   - maximumResponseBytes: Default 1 MiB.
    ///   - maximumRequestBytes: Default 256 KiB.
    ///   - retry: Default ``Retry/init(maximumAttempts:initialBackoff:maximumBackoff:maximumRetryAfter:)``.
    public init(
        requestTimeout: Duration = .seconds(10),
        maximumResponseBytes: Int = 1 << 20,
        maximumRequestBytes: Int = 256 << 10,
        retry: Retry = Retry()
    ) {
        self.requestTimeout = requestTimeout
        self.maximumResponseBytes = maximumResponseBytes
        self.maximumRequestBytes = maximumRequestBytes
        self.retry = retry
    }
}

extension GenesysHTTPPolicy {
    /// Exponential backoff with full jitter, honouring `Retry-After`.
    ///
    /// Attempt *n* waits a random time in `[0, min(maximumBackoff, initialBackoff × 2^(n-1)))`, or the
    /// server's `Retry-After` if that is longer. A `Retry-After` longer than ``maximumRetryAfter`` is not
    /// waited for in-request: the call fails with ``GenesysError/Code/rateLimited`` and the hint, so the
    /// caller's own deadline decides.
    public struct Retry: Sendable {
        /// Attempts per call, the first included (1 disables retries).
        public var maximumAttempts: Int
        /// The backoff ceiling after the first failure.
        public var initialBackoff: Duration
        /// The largest backoff ceiling.
        public var maximumBackoff: Duration
        /// The longest `Retry-After` waited for inside a call.
        public var maximumRetryAfter: Duration

        /// Creates a retry policy.
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

        /// The wait before attempt `attempt + 1`, or `nil` to stop.
        func delay(afterAttempt attempt: Int, error: GenesysError, random: Double) -> Duration? {
            guard attempt < self.maximumAttempts, error.kind == .transient else { return nil }
            if let retryAfter = error.retryAfter, retryAfter > self.maximumRetryAfter { return nil }
            var ceiling = self.initialBackoff
            for _ in 1..<attempt where ceiling < self.maximumBackoff { ceiling *= 2 }
            ceiling = min(ceiling, self.maximumBackoff)
            let jittered = ceiling * random
            return max(jittered, error.retryAfter ?? .zero)
        }

        /// The wait before re-checking whether a non-idempotent request landed after all: at least
        /// `requestTimeout` after a timeout, since a request the client gave up on may still be in flight.
        func settleDelay(afterAttempt attempt: Int, error: GenesysError, random: Double, requestTimeout: Duration) -> Duration? {
            guard let delay = self.delay(afterAttempt: attempt, error: error, random: random) else { return nil }
            return error.code == .transport ? max(delay, requestTimeout) : delay
        }
    }
}
