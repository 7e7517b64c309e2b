public import AuthBridgeCore

/// A `RefreshTokenStore` in Redis: rotation families shared by every replica, with reuse detection.
///
/// Layout under the prefix (`authbridge:` by default):
/// - `{refresh}:family:<family>`: a hash of `subject`, `current` (the current token's key), `payload`
///   and `revoked`, expiring with the family;
/// - `{refresh}:key:<key>`: the family id, for every key the family ever had, so reuse of a
///   rotated-away key is recognised;
/// - `{refresh}:subject:<subject>`: the set of the subject's family ids, for
///   ``revokeFamilies(ofSubject:)``.
///
/// Insertion, rotation and revocation are Lua scripts, so each is atomic across replicas: of concurrent
/// rotations of one token exactly one succeeds, and presenting a key the family rotated away from
/// revokes the whole family, exactly as `InMemoryRefreshTokenStore` does. The scripts reach a family
/// from a key or a subject, so every key of this store carries the hash tag `{refresh}`: in Redis
/// Cluster they share one slot, and so one master, which is what lets one script touch them all. (A
/// refresh is one script per Messenger session per access-token lifetime, far from loading a master.)
/// `rotate` and `revokeFamilies(ofSubject:)` reach family keys that are not in the script's `KEYS`; Redis
/// runs that within the slot, except while the `{refresh}` slot itself migrates between masters
/// (resharding), when it refuses them and the refresh fails (Messenger then signs in again).
/// Builds before Redis Cluster support wrote these keys without the tag; the Redis article says how to
/// rename them (or what a Messenger session does when its family is not found: it signs in again).
public final class RedisRefreshTokenStore: RefreshTokenStore, Sendable {
    private static let insertScript = RedisScript(
        """
        if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
        redis.call('HSET', KEYS[2], 'subject', ARGV[2], 'current', ARGV[3], 'payload', ARGV[4], 'revoked', '0')
        redis.call('PEXPIRE', KEYS[2], ARGV[5])
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[5])
        redis.call('SADD', KEYS[3], ARGV[1])
        if redis.call('PTTL', KEYS[3]) < tonumber(ARGV[5]) then redis.call('PEXPIRE', KEYS[3], ARGV[5]) end
        return 1
        """
    )

    private static let rotateScript = RedisScript(
        """
        local family = redis.call('GET', KEYS[1])
        if not family then return {0} end
        local fk = ARGV[1] .. family
        local f = redis.call('HMGET', fk, 'current', 'revoked', 'payload')
        if not f[1] or f[2] == '1' then return {0} end
        if f[1] ~= ARGV[2] then
          redis.call('HSET', fk, 'revoked', '1')
          return {2, family}
        end
        if redis.call('EXISTS', KEYS[2]) == 1 then return {0} end
        local ms = tonumber(ARGV[4])
        local ttl = redis.call('PTTL', fk)
        if ttl > 0 and ttl < ms then ms = ttl end
        redis.call('HSET', fk, 'current', ARGV[3])
        redis.call('PEXPIRE', fk, ms)
        redis.call('SET', KEYS[2], family, 'PX', ms)
        return {1, family, f[3]}
        """
    )

    // A family that does not exist yet is revoked ahead: a hash with only `revoked`, which `insert`
    // refuses (it exists) and `rotate` and `isActive` treat as revoked, until it expires.
    private static let revokeScript = RedisScript(
        """
        if redis.call('EXISTS', KEYS[1]) == 1 then
          redis.call('HSET', KEYS[1], 'revoked', '1')
        else
          redis.call('HSET', KEYS[1], 'revoked', '1')
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
        end
        return 0
        """
    )

    private static let revokeSubjectScript = RedisScript(
        """
        local n = 0
        for _, family in ipairs(redis.call('SMEMBERS', KEYS[1])) do
          local fk = ARGV[1] .. family
          local revoked = redis.call('HGET', fk, 'revoked')
          if not revoked then
            redis.call('SREM', KEYS[1], family)
          elseif revoked == '0' then
            redis.call('HSET', fk, 'revoked', '1')
            n = n + 1
          end
        end
        return n
        """
    )

    private let client: RedisClient
    private let tokenKey: RedisKeyPrefix
    private let familyKey: RedisKeyPrefix
    private let subjectKey: RedisKeyPrefix

    /// Creates a store.
    /// - Parameters:
    ///   - client: The Redis client.
    ///   - keyPrefix: Prepended to every key, to share one Redis between applications. It must not hold
    ///     `{` or `}`: a tag in it would replace the store's `{refresh}`.
    public init(client: RedisClient, keyPrefix: String = "authbridge:") {
        self.client = client
        self.tokenKey = RedisKeyPrefix(keyPrefix, store: "{refresh}:key")
        self.familyKey = RedisKeyPrefix(keyPrefix, store: "{refresh}:family")
        self.subjectKey = RedisKeyPrefix(keyPrefix, store: "{refresh}:subject")
    }

    /// Starts a family whose current token is `key`.
    /// - Throws: `AuthBridgeError` `AuthBridgeError.Code.entryExists` when the family or the key exists
    ///   already (or the family was revoked ahead); ``RedisError`` when Redis does not answer in time.
    public func insert(_ payload: [UInt8], forKey key: String, family: String, subject: String, lifetime: Duration) async throws {
        let milliseconds = String(max(RedisReplyReading.milliseconds(lifetime), 1))
        let reply = try await self.client.evaluate(
            Self.insertScript,
            keys: [self.tokenKey(key), self.familyKey(family), self.subjectKey(subject)],
            arguments: [Array(family.utf8), Array(subject.utf8), Array(key.utf8), payload, Array(milliseconds.utf8)]
        )
        guard try RedisReplyReading.integer(reply, command: "EVALSHA") == 1 else {
            throw AuthBridgeError(.entryExists, kind: .permanent, reason: "the refresh-token family or key exists already, or was revoked ahead")
        }
    }

    /// Rotates `key` to `newKey`, atomically across replicas; reuse of a former key revokes the family.
    /// - Throws: ``RedisError`` when Redis does not answer in time.
    public func rotate(_ key: String, to newKey: String, lifetime: Duration) async throws -> RefreshRotation {
        let milliseconds = String(max(RedisReplyReading.milliseconds(lifetime), 1))
        let reply = try await self.client.evaluate(
            Self.rotateScript,
            keys: [self.tokenKey(key), self.tokenKey(newKey)],
            arguments: [Array(self.familyKey.prefix.utf8), Array(key.utf8), Array(newKey.utf8), Array(milliseconds.utf8)]
        )
        guard let parts = reply.elements, let outcome = parts.first?.integer else { throw RedisReplyReading.unexpected("EVALSHA") }
        switch (outcome, parts.count) {
        case (0, _):
            return .unknown
        case (2, 2):
            guard let family = parts[1].bytes else { break }
            return .reused(family: String(decoding: family, as: UTF8.self))
        case (1, 3):
            guard let family = parts[1].bytes, let payload = parts[2].bytes else { break }
            return .rotated(payload: payload, family: String(decoding: family, as: UTF8.self))
        default:
            break
        }
        throw RedisReplyReading.unexpected("EVALSHA")
    }

    /// Revokes `family`; one that does not exist yet is revoked ahead, for `RefreshTokenStore.revokedAheadLifetime`.
    /// - Throws: ``RedisError`` when Redis does not answer in time.
    public func revokeFamily(_ family: String) async throws {
        let milliseconds = String(RedisReplyReading.milliseconds(Self.revokedAheadLifetime))
        _ = try await self.client.evaluate(Self.revokeScript, keys: [self.familyKey(family)], arguments: [Array(milliseconds.utf8)])
    }

    /// Revokes every family of `subject`.
    /// - Returns: How many families were revoked.
    /// - Throws: ``RedisError`` when Redis does not answer in time.
    @discardableResult
    public func revokeFamilies(ofSubject subject: String) async throws -> Int {
        let reply = try await self.client.evaluate(
            Self.revokeSubjectScript,
            keys: [self.subjectKey(subject)],
            arguments: [Array(self.familyKey.prefix.utf8)]
        )
        return Int(clamping: try RedisReplyReading.integer(reply, command: "EVALSHA"))
    }

    /// Whether `family` exists, has not expired and is not revoked.
    /// - Throws: ``RedisError`` when Redis does not answer in time.
    public func isActive(family: String) async throws -> Bool {
        let reply = try await self.client.send(RedisCommand("HGET", [self.familyKey(family), "revoked"]))
        return reply.bytes == [UInt8(ascii: "0")]
    }
}
