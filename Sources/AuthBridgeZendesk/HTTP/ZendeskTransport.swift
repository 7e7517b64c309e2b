import AsyncHTTPClient
import AuthBridgeCore
import Logging
import NIOCore
import NIOHTTP1
import Tracing

/// Sends ``ZendeskRequest``s through the caller's `HTTPClient` with a deadline per attempt, a body cap,
/// and retries with backoff for idempotent requests on 429 and 5xx.
struct ZendeskTransport: Sendable {
    let client: HTTPClient
    let configuration: ZendeskHTTPPolicy
    /// Waits between retries; tests replace it to record delays without sleeping.
    let sleep: @Sendable (Duration) async throws -> Void
    let random: @Sendable () -> Double

    init(
        client: HTTPClient,
        configuration: ZendeskHTTPPolicy,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.client = client
        self.configuration = configuration
        self.sleep = sleep
        self.random = random
    }

    /// Sends `request` and returns the final answer, whatever its status; throws only when no complete
    /// answer arrived.
    func send(_ request: ZendeskRequest, logger: Logger) async throws(ZendeskError) -> ZendeskResponse {
        let retry = self.configuration.retry
        var attempt = 1
        while true {
            let response = try await self.attempt(request, number: attempt, logger: logger)
            let retryable = response.status == 429 || (500...599).contains(response.status)
            // No delay: attempts used up, or a Retry-After longer than allowed, which would only hold the
            // caller; the response carries the hint.
            guard retryable, request.isIdempotent,
                let delay = retry.delay(afterAttempt: attempt, retryAfter: response.retryAfter, random: self.random())
            else { return response }
            logger.debug(
                "Zendesk request failed, will retry",
                metadata: [
                    "authbridge.operation": "\(request.operation)",
                    "authbridge.status": "\(response.status)",
                    "authbridge.attempt": "\(attempt)",
                    "authbridge.retry_in_ms": "\(delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000)",
                ]
            )
            do {
                try await self.sleep(delay)
            } catch {
                return response
            }
            attempt += 1
        }
    }

    /// One attempt in its client span; resends are spans of their own, as OpenTelemetry counts them.
    private func attempt(_ request: ZendeskRequest, number: Int, logger: Logger) async throws(ZendeskError) -> ZendeskResponse {
        let tracer = self.configuration.tracer
        return try await TracedSpan.run(tracer, "Zendesk \(request.operation)", ofKind: .client) {
            (span: any Span) async throws(ZendeskError) -> ZendeskResponse in
            if span.isRecording { Self.describe(request, attempt: number, in: span) }
            var headers = request.headers
            // A client that traces itself injects the context; twice would send two `traceparent`s.
            if !self.clientTracesItself {
                for (name, value) in TracedSpan.propagationHeaders(tracer) { headers.replaceOrAdd(name: name, value: value) }
            }
            let response = try await self.exchange(request, headers: headers, logger: logger)
            span.attributes["http.response.status_code"] = response.status
            if response.status >= 400 {
                span.attributes["error.type"] = String(response.status)
                span.setStatus(SpanStatus(code: .error))
            }
            return response
        }
    }

    /// Whether the `HTTPClient` was configured with a tracer of its own (AsyncHTTPClient's tracing).
    private var clientTracesItself: Bool {
        guard let tracer = self.client.tracer else { return false }
        return !(tracer is NoOpTracer)
    }

    /// The request's span attributes: no path, query, header or body. Zendesk paths name customers
    /// (Sunshine Conversations users by their external id, often an email or a customer number) and
    /// queries search by email; the operation says which API was called.
    private static func describe(_ request: ZendeskRequest, attempt: Int, in span: any Span) {
        span.attributes["http.request.method"] = request.method.rawValue
        span.attributes["authbridge.operation"] = request.operation
        if let url = URLParts(request.url) {
            span.attributes["url.scheme"] = url.scheme
            span.attributes["server.address"] = url.host
            span.attributes["server.port"] = url.port
        }
        if attempt > 1 { span.attributes["http.request.resend_count"] = attempt - 1 }
    }

    private func exchange(_ request: ZendeskRequest, headers: HTTPHeaders, logger: Logger) async throws(ZendeskError) -> ZendeskResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = request.method
        outgoing.headers = headers
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        let timeout = self.configuration.requestTimeout
        let deadline = NIODeadline.now() + .nanoseconds(timeout.saturatingNanoseconds)
        let cap = self.configuration.maximumResponseBytes
        do {
            let response = try await self.client.execute(outgoing, deadline: deadline, logger: logger.forHTTPClient)
            let status = Int(response.status.code)
            if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > cap {
                throw ZendeskError(
                    .responseTooLarge,
                    "the \(request.operation) response declares \(length) bytes, more than the \(cap) allowed",
                    status: status
                )
            }
            let body = try await response.body.collect(upTo: cap)
            return ZendeskResponse(status: status, headers: response.headers, body: Array(buffer: body))
        } catch let error as ZendeskError {
            throw error
        } catch is NIOTooManyBytesError {
            throw ZendeskError(.responseTooLarge, "the \(request.operation) response is larger than the \(cap) bytes allowed")
        } catch let error as HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                throw ZendeskError(.timeout, "no complete \(request.operation) response within \(timeout)")
            default:
                throw ZendeskError(.connectionFailed, "the \(request.operation) connection failed: \(error.shortDescription)")
            }
        } catch {
            throw ZendeskError(.connectionFailed, "the \(request.operation) connection failed: \(type(of: error))")
        }
    }
}
