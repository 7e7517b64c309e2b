package import Tracing

/// Runs work in a span of an optional tracer: AuthBridge's components take `(any Tracer)?` (`nil`: no
/// spans at all), and their errors are typed, which `Tracer.withSpan` would erase and record in full.
package enum TracedSpan {
    /// Runs `body` in a span named `name`, child of the task's current context and current for `body`;
    /// a thrown error is recorded as ``SpanFailure`` (named by `failureType` when given) and rethrown as it
    /// was. Without a tracer, `body` runs with a span that records nothing.
    package static func run<T, Failure: Error>(
        _ tracer: (any Tracer)?,
        _ name: String,
        ofKind kind: SpanKind = .internal,
        failureType: ((Failure) -> String)? = nil,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (any Span) async throws(Failure) -> T
    ) async throws(Failure) -> T {
        guard let tracer else { return try await body(NoOpTracer.NoOpSpan(context: .topLevel)) }
        let span = tracer.startSpan(name, context: ServiceContext.current ?? .topLevel, ofKind: kind)
        defer { span.end() }
        let result: Result<T, Failure> = await ServiceContext.$current.withValue(span.context) {
            do throws(Failure) {
                return .success(try await body(span))
            } catch {
                return .failure(error)
            }
        }
        if case .failure(let error) = result { span.recordFailure(failureType.map { SpanFailure(type: $0(error)) } ?? SpanFailure(error)) }
        return try result.get()
    }

    /// The headers that carry the current context to a peer (W3C `traceparent`, `tracestate`, with a
    /// W3C tracer), as `tracer` injects them; none without a tracer or a current context.
    package static func propagationHeaders(_ tracer: (any Tracer)?) -> [(name: String, value: String)] {
        guard let tracer, let context = ServiceContext.current else { return [] }
        var headers: [(name: String, value: String)] = []
        tracer.inject(context, into: &headers, using: HeaderListInjector())
        return headers
    }
}
