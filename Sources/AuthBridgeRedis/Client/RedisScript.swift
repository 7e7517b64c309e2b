import AuthBridgeCrypto

/// A Lua script run atomically by Redis, named by its SHA-1 for `EVALSHA`.
struct RedisScript: Sendable {
    let source: String
    let sha1: String

    init(_ source: String) {
        self.source = source
        // Without SHA-1 in libcrypto (never seen, but possible in a restricted build) the name matches no
        // script: `EVALSHA` answers NOSCRIPT and the client sends `EVAL`, which still runs it.
        self.sha1 = (try? Digest.sha1Hex(Array(source.utf8))) ?? "0000000000000000000000000000000000000000"
    }
}
