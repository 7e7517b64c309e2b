/// An error from a ``TokenProvider`` that tells the ``TokenBroker`` whether and when to retry.
///
/// Errors that do not conform are treated as ``FailureKind/transient`` with no retry-after hint.
public protocol TokenProviderError: Error {
    /// Whether retrying may help.
    var failureKind: FailureKind { get }

    /// How long the provider asked callers to wait (for example from a `Retry-After` header), if it did.
    var retryAfter: Duration? { get }

    /// A description that is safe to log and to show operators: no token, key or secret in it.
    var safeDescription: String { get }
}
