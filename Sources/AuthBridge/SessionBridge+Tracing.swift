import AuthBridgeCore
import Tracing

extension SessionBridge {
    /// Runs a bridge step in the span `authbridge.<name>`; a refusal records its step, its cause (as
    /// `error.type`), the status the browser gets and the correlation id of the log line, never its text.
    func traced<T>(
        _ name: String,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (any Span) async throws(BridgeError) -> T
    ) async throws(BridgeError) -> T {
        try await TracedSpan.run(self.tracer, "authbridge.\(name)", failureType: Self.spanFailureType) {
            (span: any Span) async throws(BridgeError) -> T in
            do throws(BridgeError) {
                return try await body(span)
            } catch {
                span.attributes["authbridge.step"] = error.step.name
                span.attributes["authbridge.status"] = error.status
                span.attributes["authbridge.correlation_id"] = error.correlationID
                throw error
            }
        }
    }

    /// A refusal's `error.type`: its cause (`bridge.expiredToken`).
    static func spanFailureType(_ error: BridgeError) -> String {
        "bridge.\(error.diagnosis.cause.name)"
    }

    /// Runs a best-effort step in the span `authbridge.<name>`; the step logs its failures and marks them
    /// on the span (`recordFailure`).
    func traced<T>(_ name: String, isolation: isolated (any Actor)? = #isolation, _ body: (any Span) async -> T) async -> T {
        await TracedSpan.run(self.tracer, "authbridge.\(name)", body)
    }
}
