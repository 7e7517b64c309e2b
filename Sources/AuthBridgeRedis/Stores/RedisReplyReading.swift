import AuthBridgeCore

/// Converts replies the stores expect into values, and anything else into a typed error.
enum RedisReplyReading {
    static func milliseconds(_ duration: Duration) -> Int {
        Int(clamping: max(duration.saturatingNanoseconds / 1_000_000, 0))
    }

    static func integer(_ reply: RESPValue, command: String) throws(RedisError) -> Int64 {
        guard let value = reply.integer else { throw Self.unexpected(command) }
        return value
    }

    static func unexpected(_ command: String) -> RedisError {
        RedisError(.unexpectedReply, "Redis answered with a reply of an unexpected shape", command: command)
    }
}
