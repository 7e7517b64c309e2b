public import AuthBridgeCore
public import Tracing

/// Timeouts, size caps, retries and tracing for every request this module sends to Genesys Cloud.
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
    /// The tracer of each attempt's client span (`Genesys <METHOD> <path template>`, ids as `{id}`: method,
    /// host, port, path without the query, status, the code of a failure; never a header or a body), which
    /// also injects the trace context (W3C `traceparent`) into the request, unless the `HTTPClient` traces
    /// requests itself. `nil`: no spans.
    public var tracer: (any Tracer)?

    /// Creates a policy.
    /// - Parameters:
    ///   - requestTimeout: Per attempt; default 10 s.
    ///   - maximumResponseBytes: Default 1 MiB.
    ///   - maximumRequestBytes: Default 256 KiB.
    ///   - retry: Default `RetryPolicy()`: 3 attempts, 200 ms to 5 s backoff, `Retry-After` up to 5 s.
    ///   - tracer: The tracer of the client spans; default the one `InstrumentationSystem` has now (the
    ///     bootstrapped one, or one bound with `withTracer`), so bootstrap before creating this.
    public init(
        requestTimeout: Duration = .seconds(10),
        maximumResponseBytes: Int = 1 << 20,
        maximumRequestBytes: Int = 256 << 10,
        retry: Retry = Retry(),
        tracer: (any Tracer)? = InstrumentationSystem.tracer
    ) {
        self.requestTimeout = requestTimeout
        self.maximumResponseBytes = maximumResponseBytes
        self.maximumRequestBytes = maximumRequestBytes
        self.retry = retry
        self.tracer = tracer
    }
}

extension GenesysHTTPPolicy {
    /// How transient failures of idempotent requests are retried: AuthBridgeCore's `RetryPolicy`
    /// (exponential backoff, full jitter, `Retry-After` honoured up to `maximumRetryAfter`, default 5 s).
    public typealias Retry = RetryPolicy
}

extension RetryPolicy {
    /// The wait before attempt `attempt + 1` after `error`, or `nil` to stop (permanent failures stop).
    func delay(afterAttempt attempt: Int, error: GenesysError, random: Double) -> Duration? {
        guard error.kind == .transient else { return nil }
        return self.delay(afterAttempt: attempt, retryAfter: error.retryAfter, random: random)
    }

    /// The wait before re-checking whether a non-idempotent request landed after all: at least
    /// `requestTimeout` after a timeout, since a request the client gave up on may still be in flight.
    func settleDelay(afterAttempt attempt: Int, error: GenesysError, random: Double, requestTimeout: Duration) -> Duration? {
        guard let delay = self.delay(afterAttempt: attempt, error: error, random: random) else { return nil }
        return error.code == .transport ? max(delay, requestTimeout) : delay
    }
}
