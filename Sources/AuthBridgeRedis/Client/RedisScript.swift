/// A Lua script run atomically by Redis, named by its SHA-1 for `EVALSHA`.
struct RedisScript: Sendable {
    let source: String
    let sha1: String

    init(_ source: String) {
        self.source = source
        self.sha1 = SHA1.hexDigest(Array(source.utf8))
    }
}
