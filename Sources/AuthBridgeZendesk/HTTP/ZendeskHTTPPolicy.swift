public import AuthBridgeCore
public import Tracing

/// Timeouts, body caps, retries and tracing for every call AuthBridgeZendesk makes.
public struct ZendeskHTTPPolicy: Sendable {
    /// The deadline of one attempt, from sending the request to the last byte of the body.
    public var requestTimeout: Duration
    /// Bodies larger than this fail with ``ZendeskError/Code-swift.struct/responseTooLarge``.
    public var maximumResponseBytes: Int
    /// How idempotent requests (GETs) are retried on 429 and 5xx.
    public var retry: Retry
    /// The tracer of each attempt's client span (`Zendesk <operation>`: method, host, port, path without
    /// the query, status, the code of a failure; never a header or a body), which also injects the trace
    /// context (W3C `traceparent`) into the request, unless the `HTTPClient` traces requests itself.
    /// `nil`: no spans.
    public var tracer: (any Tracer)?

    /// Creates a configuration.
    /// - Parameters:
    ///   - requestTimeout: The deadline of one attempt; default 10 s.
    ///   - maximumResponseBytes: The body cap; default 2 MiB (a chat with a long history stays under it).
    ///   - retry: The retry policy; default 3 attempts, 200 ms to 5 s backoff, `Retry-After` up to 10 s.
    ///   - tracer: The tracer of the client spans; default the one `InstrumentationSystem` has now (the
    ///     bootstrapped one, or one bound with `withTracer`), so bootstrap before creating this.
    public init(
        requestTimeout: Duration = .seconds(10),
        maximumResponseBytes: Int = 2 << 20,
        retry: Retry = Retry(maximumRetryAfter: .seconds(10)),
        tracer: (any Tracer)? = InstrumentationSystem.tracer
    ) {
        self.requestTimeout = requestTimeout
        self.maximumResponseBytes = maximumResponseBytes
        self.retry = retry
        self.tracer = tracer
    }
}

extension ZendeskHTTPPolicy {
    /// How idempotent requests (GETs) are retried on 429 and 5xx: AuthBridgeCore's `RetryPolicy`
    /// (exponential backoff, full jitter, `Retry-After` honoured up to `maximumRetryAfter`).
    public typealias Retry = RetryPolicy
}
