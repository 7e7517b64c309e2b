/// Timeouts, body caps and retries for every call AuthBridgeZendesk makes.
public struct ZendeskHTTPConfiguration: Sendable {
    /// The deadline of one attempt, from sending the request to the last byte of the body.
    public var requestTimeout: Duration
    /// Bodies larger than this fail with ``ZendeskError/Code-swift.struct/responseTooLarge``.
    public var maximumResponseBytes: Int
    /// How idempotent requests (GETs) are retried on 429 and 5xx.
    public var retry: Retry

    /// Creates a configuration.
    /// - Parameters:
    ///   - requestTimeout: The deadline of one attempt; default 10 s.
    ///   - maximumResponseBytes: The body cap; default 2 MiB (a chat with a long history stays under it).
    ///   - retry: The retry policy.
    public init(requestTimeout: Duration = .seconds(10), maximumResponseBytes: Int = 2 << 20, retry: Retry = Retry()) {
        self.requestTimeout = requestTimeout
        self.maximumResponseBytes = maximumResponseBytes
        self.retry = retry
    }
}

extension ZendeskHTTPConfiguration {
    /// Exponential backoff with full jitter, honouring `Retry-After`, for idempotent requests only.
    public struct Retry: Sendable {
        /// Attempts per call, the first included (1 disables retries).
        public var maximumAttempts: Int
        /// The backoff ceiling after the first failure.
        public var initialBackoff: Duration
        /// The largest backoff ceiling.
        public var maximumBackoff: Duration
        /// A `Retry-After` longer than this is not waited for: the call fails at once with
        /// ``ZendeskError/Code-swift.struct/rateLimited`` and the hint, for the caller to decide.
        public var maximumRetryAfter: Duration

        /// Creates a policy.
        /// - Parameters:
        ///   - maximumAttempts: Attempts per call; default 3.
        ///   - initialBackoff: Default 200 ms.
        ///   - maximumBackoff: Default 5 s.
        ///   - maximumRetryAfter: Default 10 s.
        public init(
            maximumAttempts: Int = 3,
            initialBackoff: Duration = .milliseconds(200),
            maximumBackoff: Duration = .seconds(5),
            maximumRetryAfter: Duration = .seconds(10)
        ) {
            self.maximumAttempts = max(maximumAttempts, 1)
            self.initialBackoff = initialBackoff
            self.maximumBackoff = maximumBackoff
            self.maximumRetryAfter = maximumRetryAfter
        }
    }
}
