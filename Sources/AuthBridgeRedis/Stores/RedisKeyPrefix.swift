/// Builds every Redis key a store uses: the configured prefix, the store's own part and the caller's
/// key, for example `authbridge:replay:zendesk.sso.jti:…`.
///
/// Callers already pass keys that are hashes when the identifier is a secret (AuthBridgeOIDC passes
/// `code:` and `refresh:` followed by the base64url SHA-256 of the code or token), so no secret becomes
/// a Redis key.
struct RedisKeyPrefix: Sendable {
    let prefix: String

    init(_ prefix: String, store: String) {
        self.prefix = prefix + store + ":"
    }

    func callAsFunction(_ key: String) -> String {
        self.prefix + key
    }
}
