internal import AsyncHTTPClient
internal import AuthBridgeCore
internal import Logging
internal import NIOCore
internal import NIOHTTP1
internal import Tracing

/// Sends ``GenesysRequest``s: host by region, bearer from the broker, caps, timeout, retries, error mapping.
struct GenesysTransport: Sendable {
    let httpClient: HTTPClient
    let region: GenesysRegion
    let policy: GenesysHTTPPolicy
    let tokens: ServiceTokenSource?
    let logger: Logger
    let random: @Sendable () -> Double

    init(
        httpClient: HTTPClient,
        region: GenesysRegion,
        policy: GenesysHTTPPolicy,
        tokens: ServiceTokenSource?,
        logger: Logger,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.httpClient = httpClient
        self.region = region
        self.policy = policy
        self.tokens = tokens
        self.logger = logger
        self.random = random
    }

    /// Sends `request` and returns its 2xx response; retries transient failures of idempotent requests.
    /// - Throws: ``GenesysError`` or `CancellationError`.
    func send(_ request: GenesysRequest) async throws -> GenesysResponse {
        if let body = request.body, body.count > self.policy.maximumRequestBytes {
            throw GenesysError(
                .requestTooLarge,
                kind: .permanent,
                reason: "the request body is \(body.count) bytes, over the cap of \(self.policy.maximumRequestBytes)",
                operation: request.operation
            )
        }
        var attempt = 1
        var refreshedAfter401 = false
        while true {
            try Task.checkCancellation()
            let error: GenesysError
            do {
                return try await self.attempt(request, number: attempt + (refreshedAfter401 ? 1 : 0))
            } catch let failure as GenesysError {
                error = failure
            } catch let failure as RejectedToken {
                // A 401 to a cached token: the token may have expired early or been revoked. Drop it and
                // try once more with a fresh one; the request was not processed, so this is safe for any method.
                if !refreshedAfter401 {
                    refreshedAfter401 = true
                    self.tokens?.invalidate(failure.token)
                    continue
                }
                error = failure.error
            }
            guard request.isIdempotent,
                let delay = self.policy.retry.delay(afterAttempt: attempt, error: error, random: self.random())
            else { throw error }
            self.logger.debug(
                "Genesys request failed, will retry",
                metadata: [
                    "authbridge.operation": "\(request.operation)",
                    "authbridge.attempt": "\(attempt)",
                    "authbridge.error": "\(error.shortDescription)",
                    "authbridge.retry_in_ms": "\(delay.saturatingNanoseconds / 1_000_000)",
                ]
            )
            try await Task.sleep(for: delay)
            attempt += 1
        }
    }

    /// A 401 to a token the broker handed out, carried to ``send(_:)`` to invalidate it.
    private struct RejectedToken: Error {
        let token: AccessToken
        let error: GenesysError
    }

    private func attempt(_ request: GenesysRequest, number: Int) async throws -> GenesysResponse {
        let base = request.endpoint == .login ? self.region.loginBaseURL : self.region.apiBaseURL
        var http = HTTPClientRequest(url: base + request.path + (request.query.map { "?" + $0 } ?? ""))
        http.method = request.method
        http.headers.add(name: "Accept", value: "application/json")
        http.headers.add(name: "User-Agent", value: "AuthBridge")
        if let contentType = request.contentType { http.headers.add(name: "Content-Type", value: contentType) }
        for (name, value) in request.headers { http.headers.add(name: name, value: value) }
        var usedToken: AccessToken?
        if request.endpoint == .platform {
            guard let tokens = self.tokens else {
                throw GenesysError.invalidConfiguration("this client has no token broker for platform calls")
            }
            let token: AccessToken
            do {
                token = try await tokens.token()
            } catch let error as CancellationError {
                throw error
            } catch {
                throw GenesysError.tokenUnavailable(error, operation: request.operation)
            }
            http.headers.add(name: "Authorization", value: "\(token.type) \(token.value.revealed)")
            usedToken = token
        }
        if let body = request.body {
            http.body = .bytes(ByteBuffer(bytes: body))
        }
        let exchanged = try await TracedSpan.run(self.policy.tracer, "Genesys \(request.method.rawValue) \(request.pathTemplate)", ofKind: .client) {
            span in
            if span.isRecording { Self.describe(request, base: base, attempt: number, in: span) }
            // A client that traces itself injects the context; twice would send two `traceparent`s.
            if !self.clientTracesItself {
                for (name, value) in TracedSpan.propagationHeaders(self.policy.tracer) { http.headers.replaceOrAdd(name: name, value: value) }
            }
            let result = try await self.exchange(http, request: request)
            span.attributes["http.response.status_code"] = result.status
            if result.status >= 400 {
                span.attributes["error.type"] = String(result.status)
                span.setStatus(SpanStatus(code: .error))
            }
            return result
        }
        guard (200..<300).contains(exchanged.status) else {
            let error = GenesysError.from(exchanged, isTokenEndpoint: request.endpoint == .login)
            if exchanged.status == 401, let usedToken { throw RejectedToken(token: usedToken, error: error) }
            throw error
        }
        return exchanged
    }

    /// Whether the `HTTPClient` was configured with a tracer of its own (AsyncHTTPClient's tracing).
    private var clientTracesItself: Bool {
        guard let tracer = self.httpClient.tracer else { return false }
        return !(tracer is NoOpTracer)
    }

    /// The request's span attributes: no query, header or body, which may carry a token or a customer's data.
    private static func describe(_ request: GenesysRequest, base: String, attempt: Int, in span: any Span) {
        span.attributes["http.request.method"] = request.method.rawValue
        span.attributes["url.template"] = request.pathTemplate
        span.attributes["url.path"] = request.path
        if let url = URLParts(base) {
            span.attributes["url.scheme"] = url.scheme
            span.attributes["server.address"] = url.host
            span.attributes["server.port"] = url.port
        }
        if attempt > 1 { span.attributes["http.request.resend_count"] = attempt - 1 }
    }

    /// Sends `http` and collects its answer, whatever its status.
    private func exchange(_ http: HTTPClientRequest, request: GenesysRequest) async throws -> GenesysResponse {
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await self.httpClient.execute(
                http,
                timeout: .nanoseconds(self.policy.requestTimeout.saturatingNanoseconds),
                logger: self.logger.forHTTPClient
            )
            bytes = try await response.body.collect(upTo: self.policy.maximumResponseBytes)
        } catch let error as CancellationError {
            throw error
        } catch is NIOTooManyBytesError {
            throw GenesysError(
                .responseTooLarge,
                kind: .permanent,
                reason: "the response is over the cap of \(self.policy.maximumResponseBytes) bytes",
                operation: request.operation
            )
        } catch let error as HTTPClientError {
            throw GenesysError.transport("the request failed: \(error.shortDescription)", operation: request.operation)
        } catch {
            throw GenesysError.transport(
                "the request failed: \(String(describing: type(of: error)))",
                operation: request.operation
            )
        }
        return GenesysResponse(
            status: Int(response.status.code),
            headers: response.headers,
            body: Array(buffer: bytes),
            operation: request.operation
        )
    }
}
