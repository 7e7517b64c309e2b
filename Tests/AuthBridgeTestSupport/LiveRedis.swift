import Testing

/// Every test that starts a real `redis-server` sits in this suite (by extension), so they run one
/// after another: the timing tests stay meaningful on a small shared machine.
@Suite(.serialized, .enabled(if: RedisServer.isAvailable, RedisServer.unavailableMessage))
struct LiveRedis {}
