import AuthBridgeCore
import HTTPTypes
import Hummingbird
import Tracing

/// The request span, with the configured tracer bound for the request (`withTracer`), so the span, the
/// context extracted from the request's headers (W3C `traceparent` with a W3C tracer) and every span of
/// the route use that tracer, without a process-wide bootstrap.
///
/// It records only what the server chose: the method, the matched route (also the span's name; an
/// unmatched request is `HTTP <method>`) and the status. Never the raw path, the query or a header: all
/// three are the client's, unbounded, and may carry a customer's data or a secret.
///
/// With `continuesClientTraces` off, a request's trace context only links the span: the span starts a
/// trace of the server's, so a client can neither choose the trace id passed on to Zendesk and Genesys
/// nor force sampling with the flags.
struct RequestTracingMiddleware<Context: RequestContext>: RouterMiddleware {
    let tracer: any Tracer
    var continuesClientTraces = true

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let current = ServiceContext.current ?? .topLevel
        var extracted = current
        self.tracer.extract(request.headers, into: &extracted, using: HTTPFieldsExtractor())
        let serviceContext = self.continuesClientTraces ? extracted : current
        let link = self.continuesClientTraces || request.headers[values: HTTPField.Name("traceparent")!].isEmpty ? nil : extracted
        let method = request.method.rawValue
        // `withTracer` and `withSpan` run their operations inline in this task, so `next` is never used
        // concurrently; the checker cannot see that across their `nonisolated(nonsending)` closures.
        nonisolated(unsafe) let next = next
        return try await withTracer(self.tracer) {
            try await self.tracer.withSpan("HTTP \(method)", context: serviceContext, ofKind: .server) { span in
                span.attributes["http.request.method"] = method
                if let link { span.addLink(SpanLink(context: link, attributes: [:])) }
                do {
                    let response = try await next(request, context)
                    // The router fills the matched route in as it dispatches (a shared box in the context).
                    if let route = context.endpointPath {
                        span.operationName = route
                        span.attributes["http.route"] = route
                    }
                    span.attributes["http.response.status_code"] = Int(response.status.code)
                    if response.status.code >= 500 { span.setStatus(SpanStatus(code: .error)) }
                    return response
                } catch {
                    span.recordFailure(error)
                    throw error
                }
            }
        }
    }
}
