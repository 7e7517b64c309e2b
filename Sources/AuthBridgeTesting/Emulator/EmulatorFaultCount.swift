/// How many matching requests a fault applies to.
public struct EmulatorFaultCount: Hashable, Sendable, CustomStringConvertible {
    /// The remaining count; `nil` for always.
    let remaining: Int?

    private init(remaining: Int?) {
        self.remaining = remaining
    }

    /// The next `count` matching requests (at least 1).
    /// - Parameter count: How many requests.
    /// - Returns: The count.
    public static func times(_ count: Int) -> EmulatorFaultCount {
        EmulatorFaultCount(remaining: max(count, 1))
    }

    /// The next matching request only.
    public static let once = EmulatorFaultCount.times(1)

    /// Every matching request until the fault is cleared.
    public static let always = EmulatorFaultCount(remaining: nil)

    /// `always` or `times(n)`.
    public var description: String {
        self.remaining.map { "times(\($0))" } ?? "always"
    }
}
