/// Whether a failure may go away by itself.
///
/// A struct over a private enum, so new kinds can be added without breaking exhaustive switches.
public struct FailureKind: Hashable, Sendable, CustomStringConvertible {
    private enum Base: String, Hashable, Sendable {
        case transient
        case permanent
    }

    private let base: Base

    private init(_ base: Base) {
        self.base = base
    }

    /// Retrying may succeed: rate limiting (429), a server error (5xx), a timeout, a refused connection.
    public static let transient = FailureKind(.transient)

    /// Retrying will not help until someone changes something, for example rejected client credentials.
    public static let permanent = FailureKind(.permanent)

    /// `transient` or `permanent`; bounded, safe as a metric label.
    public var description: String { self.base.rawValue }
}
