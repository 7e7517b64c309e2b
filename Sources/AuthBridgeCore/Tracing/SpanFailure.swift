/// What a span records of a failure: the error's type and code, never its text.
///
/// An error's description may quote a peer's message, and a third party's error may quote anything, so a
/// span (which leaves the process for a tracing backend) gets only this. Our errors' codes say what went
/// wrong; the log line under the correlation id says the rest.
package struct SpanFailure: Error, CustomStringConvertible, Sendable {
    /// `origin.code` for a ``DiagnosableError`` (`zendesk.unauthorized`), the type's name otherwise; also
    /// the span's `error.type`.
    package let type: String

    package init(_ error: any Error) {
        if let error = error as? SpanFailure {
            self = error
        } else if let error = error as? any DiagnosableError {
            let facts = error.diagnosticFacts
            self.type = facts.code.map { "\(facts.origin).\($0)" } ?? facts.origin
        } else {
            self.type = String(describing: Swift.type(of: error))
        }
    }

    /// A failure named by its caller, for an error that is not a ``DiagnosableError``.
    package init(type: String) {
        self.type = type
    }

    package var description: String { self.type }
}
