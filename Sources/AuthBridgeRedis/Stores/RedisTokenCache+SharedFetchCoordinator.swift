public import AuthBridgeCore
import Logging
import Metrics

extension RedisTokenCache: SharedFetchCoordinator {
    /// A token for `key` with more than `minimumLifetime` left: one another replica published, or one
    /// fetched here (by at most one replica at a time) and published. Never fails because of Redis:
    /// when Redis errs or the wait runs out, it fetches directly.
    /// - Parameters:
    ///   - key: The key.
    ///   - minimumLifetime: Shared tokens with this much lifetime left or less are not taken.
    ///   - fetch: Calls the broker's provider.
    /// - Returns: The token with its remaining lifetime.
    /// - Throws: What `fetch` threw, or `CancellationError`.
    public func token(
        for key: Key,
        outliving minimumLifetime: Duration,
        fetch: () async throws -> AccessToken
    ) async throws -> AccessToken {
        let (tokenKey, lockKey) = self.redisKeys(for: key)
        let owner = Self.ownerValue()
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: self.configuration.lockWait)
        while true {
            let locked: Bool
            do {
                if let shared = try await self.read(tokenKey), shared.expiresIn > minimumLifetime { return shared }
                locked = try await self.lock(lockKey, owner: owner)
            } catch {
                return try await self.fallBack(tokenKey: tokenKey, reason: "Redis failed (\(error.code))", publish: false, fetch: fetch)
            }
            if locked {
                // Another replica may have published and unlocked between the read and the lock.
                if let shared = try? await self.read(tokenKey), shared.expiresIn > minimumLifetime {
                    await self.unlock(lockKey, owner: owner)
                    return shared
                }
                return try await self.fetchHoldingLock(tokenKey: tokenKey, lockKey: lockKey, owner: owner, fetch: fetch)
            }
            guard clock.now < deadline else {
                return try await self.fallBack(
                    tokenKey: tokenKey,
                    reason: "another replica's fetch took too long",
                    publish: true,
                    fetch: fetch
                )
            }
            try await Task.sleep(for: self.configuration.pollInterval)
        }
    }

    private func fetchHoldingLock(
        tokenKey: String,
        lockKey: String,
        owner: String,
        fetch: () async throws -> AccessToken
    ) async throws -> AccessToken {
        do {
            let token = try await fetch()
            try? await self.write(token, to: tokenKey, expiresIn: token.expiresIn)
            await self.unlock(lockKey, owner: owner)
            return token
        } catch {
            await self.unlock(lockKey, owner: owner)
            throw error
        }
    }

    /// Fetches in this replica; publishes only when Redis was answering, so a failing Redis never adds
    /// a second timeout to the caller's wait.
    private func fallBack(
        tokenKey: String,
        reason: String,
        publish: Bool,
        fetch: () async throws -> AccessToken
    ) async throws -> AccessToken {
        self.fallbacks.increment()
        self.logger.warning("shared token fetch degraded; fetching in this replica", metadata: ["authbridge.redis.reason": "\(reason)"])
        let token = try await fetch()
        if publish { try? await self.write(token, to: tokenKey, expiresIn: token.expiresIn) }
        return token
    }

    private func lock(_ lockKey: String, owner: String) async throws(RedisError) -> Bool {
        var command = RedisCommand("SET", [lockKey, owner, "NX", "PX"])
        command.append(max(RedisReplyReading.milliseconds(self.configuration.lockLifetime), 1))
        switch try await self.client.send(command) {
        case .simpleString: return true
        case .null: return false
        default: throw RedisReplyReading.unexpected("SET")
        }
    }

    private func unlock(_ lockKey: String, owner: String) async {
        // If this fails the lock expires by itself after lockLifetime.
        _ = try? await self.client.evaluate(TokenCacheScripts.release, keys: [lockKey], arguments: [Array(owner.utf8)])
    }

    /// A random lock owner value, so only the holder can release the lock.
    private static func ownerValue() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(generator.next(), radix: 16) + String(generator.next(), radix: 16)
    }
}
