public import AuthBridgeCore

/// Timeouts, body caps and retries for every call AuthBridgeZendesk makes.
public struct ZendeskHTTPPolicy: Sendable {
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
    ///   - retry: The retry policy; default 3 attempts, 200 ms to 5 s backoff, `Retry-After` up to 10 s.
    public init(requestTimeout: Duration = .seconds(10), maximumResponseBytes: Int = 2 << 20, retry: Retry = Retry(maximumRetryAfter: .seconds(10))) {
        self.requestTimeout = requestTimeout
        self.maximumResponseBytes = maximumResponseBytes
        self.retry = retry
    }
}

extension ZendeskHTTPPolicy {
    /// How idempotent requests (GETs) are retried on 429 and 5xx: AuthBridgeCore's `RetryPolicy`
    /// (exponential backoff, full jitter, `Retry-After` honoured up to `maximumRetryAfter`).
    public typealias Retry = RetryPolicy
}
