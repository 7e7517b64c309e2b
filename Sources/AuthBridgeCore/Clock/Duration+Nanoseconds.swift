extension Duration {
    /// The duration in whole nanoseconds, saturating at `Int64`'s bounds, for APIs that take a count
    /// (NIO deadlines, metrics timers, log fields). Package-internal: shared by the adapters.
    @inlinable
    package var saturatingNanoseconds: Int64 {
        let (seconds, attoseconds) = self.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return scaled &+ attoseconds / 1_000_000_000
    }
}
