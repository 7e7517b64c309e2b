#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The time source for claim validation, injectable so tests never depend on the wall clock.
public struct JWTClock: Sendable {
    private let read: @Sendable () -> Double

    /// A clock reading seconds since the Unix epoch from `read`.
    public init(_ read: @escaping @Sendable () -> Double) { self.read = read }

    /// Seconds since the Unix epoch, now.
    public var now: Double { self.read() }

    /// The system's real-time clock.
    public static let system = JWTClock {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// A clock stopped at `secondsSinceEpoch`.
    public static func fixed(_ secondsSinceEpoch: Double) -> JWTClock { JWTClock { secondsSinceEpoch } }
}
