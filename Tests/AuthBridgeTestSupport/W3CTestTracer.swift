package import InMemoryTracing
package import Tracing
import W3CTraceContext

/// An in-memory tracer that speaks W3C Trace Context: it extracts a `traceparent` header (parsed by
/// swift-w3c-trace-context) and injects one, with 32- and 16-digit hex ids, so a test sees over real HTTP
/// what a production tracer would send. Pass it explicitly (never bootstrapped), so tests run in parallel.
package struct W3CTestTracer: Tracer {
    /// The spans, kept by `InMemoryTracer`.
    package let recorder: InMemoryTracer

    package init() {
        self.recorder = InMemoryTracer(
            idGenerator: .init(nextTraceID: { TraceID.random().description }, nextSpanID: { SpanID.random().description })
        )
    }

    /// Every span that has ended.
    package var finishedSpans: [FinishedInMemorySpan] { self.recorder.finishedSpans }

    package func startSpan<Instant: TracerInstant>(
        _ operationName: String,
        context: @autoclosure () -> ServiceContext,
        ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant,
        function: String,
        file fileID: String,
        line: UInt
    ) -> InMemorySpan {
        self.recorder.startSpan(operationName, context: context(), ofKind: kind, at: instant(), function: function, file: fileID, line: line)
    }

    package func forceFlush() {}

    package func inject<Carrier, Inject: Injector>(_ context: ServiceContext, into carrier: inout Carrier, using injector: Inject)
    where Inject.Carrier == Carrier {
        guard let span = context.inMemorySpanContext else { return }
        injector.inject("00-\(span.traceID)-\(span.spanID)-01", forKey: "traceparent", into: &carrier)
    }

    package func extract<Carrier, Extract: Extractor>(_ carrier: Carrier, into context: inout ServiceContext, using extractor: Extract)
    where Extract.Carrier == Carrier {
        guard let header = extractor.extract(key: "traceparent", from: carrier),
            let parent = try? TraceContext(traceParentHeaderValue: header)
        else { return }
        context.inMemorySpanContext = InMemorySpanContext(traceID: parent.traceID.description, spanID: parent.spanID.description, parentSpanID: nil)
    }
}
