import Hummingbird
import Tracing

/// Hummingbird's `TracingMiddleware` with the configured tracer bound for the request (`withTracer`), so
/// the request span, the context it extracts from the headers and every span of the route use that
/// tracer, without a process-wide bootstrap.
///
/// The span is named for the matched route (`/authbridge/v1/session`), never the raw path; no header is
/// recorded (so no `Authorization` or `Cookie`), and OAuth parameters in a query are redacted.
struct RequestTracingMiddleware<Context: RequestContext>: RouterMiddleware {
    let tracer: any Tracer
    let tracing: TracingMiddleware<Context>

    /// Query parameters that may carry a secret or a one-time value, recorded as `REDACTED`.
    static var redactedQueryParameters: Set<String> {
        [
            "access_token", "refresh_token", "id_token", "id_token_hint", "token", "code", "code_verifier", "client_secret", "client_assertion",
            "state", "nonce", "password", "secret", "jwt", "credential",
        ]
    }

    init(tracer: any Tracer) {
        self.tracer = tracer
        self.tracing = TracingMiddleware(recordingHeaders: [], redactingQueryParameters: Self.redactedQueryParameters)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // `withTracer` runs its operation inline in this task, so `next` is never used concurrently; the
        // checker cannot see that across its `nonisolated(nonsending)` closure.
        nonisolated(unsafe) let next = next
        return try await withTracer(self.tracer) {
            try await self.tracing.handle(request, context: context, next: next)
        }
    }
}
