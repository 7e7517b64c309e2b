#if canImport(Darwin)
internal import Darwin
#elseif canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#endif

/// A monotonic clock that is cheap to read and precise to a few milliseconds.
///
/// It reads the kernel's coarse monotonic time (`CLOCK_MONOTONIC_COARSE` on Linux,
/// `CLOCK_MONOTONIC_RAW_APPROX` on Darwin), which costs a few nanoseconds where `ContinuousClock.now`
/// costs twenty or more. That is what the ``TokenBroker``'s cache hit path needs; token lifetimes are
/// minutes and the broker's expiry safety margin is seconds, so millisecond precision is plenty.
/// Like `SuspendingClock`, it does not advance while the machine sleeps.
public struct CoarseMonotonicClock: Clock, Sendable {
    /// A point in the clock's time, in nanoseconds since an arbitrary start (usually boot).
    public struct Instant: InstantProtocol, Hashable, Sendable {
        @usableFromInline
        let nanoseconds: Int64

        @usableFromInline
        init(nanoseconds: Int64) {
            self.nanoseconds = nanoseconds
        }

        /// The instant `duration` later (or earlier, when negative); saturates rather than overflowing.
        /// - Parameter duration: The offset.
        /// - Returns: The new instant.
        @inlinable
        public func advanced(by duration: Duration) -> Instant {
            let (sum, overflow) = self.nanoseconds.addingReportingOverflow(duration.saturatingNanoseconds)
            if overflow { return Instant(nanoseconds: duration < .zero ? .min : .max) }
            return Instant(nanoseconds: sum)
        }

        /// The duration from this instant to `other`.
        /// - Parameter other: The later (or earlier) instant.
        /// - Returns: `other - self`.
        @inlinable
        public func duration(to other: Instant) -> Duration {
            .nanoseconds(other.nanoseconds &- self.nanoseconds)
        }

        /// Orders instants by time.
        @inlinable
        public static func < (lhs: Instant, rhs: Instant) -> Bool {
            lhs.nanoseconds < rhs.nanoseconds
        }
    }

    /// Creates the clock; all instances read the same time.
    public init() {}

    /// The current time; a few nanoseconds to read.
    @inlinable
    public var now: Instant {
        Instant(nanoseconds: CoarseMonotonicClock.readNanoseconds())
    }

    /// The clock's resolution as the kernel reports it (typically 1–4 ms on Linux).
    public var minimumResolution: Duration {
        #if canImport(Darwin)
        return .milliseconds(1)
        #else
        var resolution = timespec()
        clock_getres(CLOCK_MONOTONIC_COARSE, &resolution)
        return .seconds(Int64(resolution.tv_sec)) + .nanoseconds(Int64(resolution.tv_nsec))
        #endif
    }

    /// Suspends until `deadline` has passed on this clock.
    /// - Parameters:
    ///   - deadline: When to resume.
    ///   - tolerance: Passed on to `ContinuousClock`.
    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        // Sleep on ContinuousClock for the remaining time; repeat if the coarse reading lags behind.
        while true {
            let remaining = self.now.duration(to: deadline)
            if remaining <= .zero { return }
            try await ContinuousClock().sleep(
                until: ContinuousClock.now.advanced(by: remaining + self.minimumResolution),
                tolerance: tolerance
            )
        }
    }

    @usableFromInline
    static func readNanoseconds() -> Int64 {
        #if canImport(Darwin)
        return Int64(truncatingIfNeeded: clock_gettime_nsec_np(CLOCK_MONOTONIC_RAW_APPROX))
        #else
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC_COARSE, &time)
        return Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec)
        #endif
    }
}
