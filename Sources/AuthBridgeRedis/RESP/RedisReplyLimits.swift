/// Bounds on what one Redis reply may contain, so a broken or hostile server cannot exhaust memory.
///
/// A reply that breaks a bound fails its command with ``RedisError/Code/replyTooLarge`` and closes the
/// connection (the stream can no longer be trusted to be in step). The defaults are generous for
/// AuthBridge's own use, whose replies are a few hundred bytes.
public struct RedisReplyLimits: Sendable, Hashable {
    /// The longest bulk string, in bytes.
    public var maximumBulkLength: Int
    /// The most elements in one array, set, map (counting keys and values) or push.
    public var maximumAggregateCount: Int
    /// The deepest nesting of aggregates.
    public var maximumDepth: Int
    /// The most bytes one reply may span, framing included.
    public var maximumReplySize: Int

    /// Creates limits.
    /// - Parameters:
    ///   - maximumBulkLength: The longest bulk string, in bytes.
    ///   - maximumAggregateCount: The most elements in one aggregate.
    ///   - maximumDepth: The deepest nesting of aggregates.
    ///   - maximumReplySize: The most bytes one reply may span.
    public init(
        maximumBulkLength: Int = 512 * 1024,
        maximumAggregateCount: Int = 64 * 1024,
        maximumDepth: Int = 16,
        maximumReplySize: Int = 1024 * 1024
    ) {
        self.maximumBulkLength = max(maximumBulkLength, 0)
        self.maximumAggregateCount = max(maximumAggregateCount, 0)
        self.maximumDepth = max(maximumDepth, 1)
        self.maximumReplySize = max(maximumReplySize, 16)
    }
}
