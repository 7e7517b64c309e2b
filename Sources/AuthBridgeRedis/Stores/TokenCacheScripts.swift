/// The Lua scripts of ``RedisTokenCache`` (a generic type cannot hold static stored properties).
enum TokenCacheScripts {
    /// The token and its remaining lifetime in one atomic step, so they cannot disagree.
    static let read = RedisScript(
        """
        local v = redis.call('GET', KEYS[1])
        if not v then return false end
        return {v, redis.call('PTTL', KEYS[1])}
        """
    )

    /// Deletes the lock only if it still holds the caller's owner value: a holder whose lock expired
    /// and was taken by another replica must not release that replica's lock.
    static let release = RedisScript(
        """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """
    )
}
