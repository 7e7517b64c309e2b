import AuthBridgeCore
import InMemoryTracing
import Testing
import Tracing

@Suite struct TracedSpanTests {
    /// An error whose text quotes a secret, as a third party's error might.
    struct LeakyError: Error, CustomStringConvertible {
        var description: String { "refused token s3cr3t-token-value" }
    }

    @Test func aFailureIsRecordedByItsTypeAloneAndRethrownAsItWas() async throws {
        let tracer = InMemoryTracer()
        await #expect(throws: LeakyError.self) {
            try await TracedSpan.run(tracer, "step", ofKind: .client) { _ throws(LeakyError) in throw LeakyError() }
        }
        let span = try #require(tracer.finishedSpans.first)
        #expect(span.operationName == "step")
        #expect(span.kind == .client)
        #expect(span.status?.code == .error)
        #expect(span.status?.message == nil)
        #expect(span.attributes["error.type"]?.toSpanAttribute() == .string("LeakyError"))
        #expect(span.errors.map { "\($0.error)" } == ["LeakyError"])
        #expect(!"\(span.attributes) \(span.errors.map { "\($0.error)" })".contains("s3cr3t"))
    }

    @Test func aDiagnosableErrorIsRecordedByOriginAndCode() async throws {
        let tracer = InMemoryTracer()
        await #expect(throws: AuthBridgeError.self) {
            try await TracedSpan.run(tracer, "store") { _ throws(AuthBridgeError) in
                throw AuthBridgeError(.storeFull, kind: .permanent, reason: "full after s3cr3t")
            }
        }
        let span = try #require(tracer.finishedSpans.first)
        #expect(span.attributes["error.type"]?.toSpanAttribute() == .string("bridge.storeFull"))
        #expect(span.errors.map { "\($0.error)" } == ["bridge.storeFull"])
    }

    @Test func spansNestAndThePropagationHeadersNameTheCurrentSpan() async throws {
        let tracer = InMemoryTracer()
        let headers = await TracedSpan.run(tracer, "outer") { _ in
            await TracedSpan.run(tracer, "inner", ofKind: .client) { _ in TracedSpan.propagationHeaders(tracer) }
        }
        let inner = try #require(tracer.finishedSpans.first { $0.operationName == "inner" })
        let outer = try #require(tracer.finishedSpans.first { $0.operationName == "outer" })
        #expect(inner.traceID == outer.traceID)
        #expect(inner.parentSpanID == outer.spanID)
        #expect(headers.first { $0.name == InMemoryTracer.spanIDKey }?.value == inner.spanID)
    }

    @Test func withoutATracerTheBodyRunsAndNothingIsPropagated() async {
        let ran = await TracedSpan.run(nil, "nothing") { span in !span.isRecording }
        #expect(ran)
        #expect(TracedSpan.propagationHeaders(nil).isEmpty)
    }
}
