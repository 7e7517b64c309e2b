package import Tracing

extension Span {
    /// Marks the span failed with `error`'s type and code only (``SpanFailure``): `error.type`, an error
    /// status without a message, and the recorded error.
    package func recordFailure(_ error: any Error) {
        let failure = SpanFailure(error)
        self.attributes["error.type"] = failure.type
        self.setStatus(SpanStatus(code: .error))
        self.recordError(failure)
    }
}
