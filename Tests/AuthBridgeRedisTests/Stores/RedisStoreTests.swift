import AuthBridgeCore
import Testing

@testable import AuthBridgeRedis
@testable import AuthBridgeTestSupport

extension LiveRedis {
    /// The Redis stores against the in-memory stores' semantics, with two clients standing for two replicas.
    @Suite struct StoreTests {
        @Test func tokenCacheKeepsTokensWithTheirRemainingLifetime() async throws {
            let server = try await RedisServer.start()
            defer { server.stop() }
            let client = server.client()
            let cache = RedisTokenCache<ClientKey>(client: client, logger: quietLogger)
            let key = ClientKey(id: "a")
            #expect(try await cache.token(for: key) == nil)
            let token = AccessToken(value: Secret("v1"), expiresIn: .seconds(60), scopes: ["s"], metadata: ["org": "o"])
            try await cache.set(token, for: key, expiresIn: .seconds(60))
            let read = try #require(try await cache.token(for: key))
            #expect(read.value == token.value && read.scopes == ["s"] && read.metadata == ["org": "o"])
            #expect(read.expiresIn <= .seconds(60) && read.expiresIn > .seconds(58))
            // Stored under a key derived from the cache key, never holding the token in the key.
            #expect(try await client.send(RedisCommand("EXISTS", ["authbridge:token:client:a"])).integer == 1)

            try await cache.set(token, for: key, expiresIn: .milliseconds(100))
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await cache.token(for: key) == nil)
            try await cache.set(token, for: key, expiresIn: .seconds(60))
            try await cache.set(token, for: key, expiresIn: .zero)
            #expect(try await cache.token(for: key) == nil)
            try await cache.set(token, for: key, expiresIn: .seconds(60))
            try await cache.removeToken(for: key)
            #expect(try await cache.token(for: key) == nil)
            await client.shutdown()
        }

        @Test func sessionMappingCompareAndSwapIsAtomicInRedis() async throws {
            let server = try await RedisServer.start()
            defer { server.stop() }
            let client = server.client()
            let store = RedisSessionMappingStore(client: client)
            _ = try await store.insertIfAbsent([1, 0], forKey: "cas", lifetime: .seconds(60))
            // Of many replicas swapping from the same payload, exactly one wins.
            let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<20 {
                    group.addTask { try await store.replaceMapping([UInt8(index + 2)], forKey: "cas", ifCurrent: [1, 0], lifetime: .seconds(60)) }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(wins == 1)
            let current = try #require(try await store.mapping(forKey: "cas"))
            #expect(try await store.removeMapping(forKey: "cas", ifCurrent: [1, 0]) == false)
            #expect(try await store.extendMapping(forKey: "cas", lifetime: .seconds(60)))
            #expect(try await store.removeMapping(forKey: "cas", ifCurrent: current))
            #expect(try await store.extendMapping(forKey: "cas", lifetime: .seconds(60)) == false)
            #expect(try await store.mapping(forKey: "cas") == nil)
            await client.shutdown()
        }

        @Test func sessionMappingsAgreeAcrossReplicas() async throws {
            let server = try await RedisServer.start()
            defer { server.stop() }
            let (first, second) = (server.client(), server.client())
            let one = RedisSessionMappingStore(client: first)
            let two = RedisSessionMappingStore(client: second)
            #expect(try await one.mapping(forKey: "s1") == nil)
            // Racing replicas: one payload wins and everyone gets it back.
            let winners = try await withThrowingTaskGroup(of: [UInt8].self) { group in
                for index in 0..<30 {
                    group.addTask {
                        try await (index % 2 == 0 ? one : two).insertIfAbsent([UInt8(index), 0, 255], forKey: "s1", lifetime: .seconds(60))
                    }
                }
                return try await group.reduce(into: Set<[UInt8]>()) { $0.insert($1) }
            }
            #expect(winners.count == 1)
            #expect(try await two.mapping(forKey: "s1") == winners.first)
            // Binary payloads survive; removal and expiry forget.
            try await one.removeMapping(forKey: "s1")
            #expect(try await two.mapping(forKey: "s1") == nil)
            #expect(try await one.insertIfAbsent([1], forKey: "short", lifetime: .milliseconds(50)) == [1])
            try await Task.sleep(for: .milliseconds(150))
            #expect(try await two.insertIfAbsent([2], forKey: "short", lifetime: .seconds(60)) == [2])
            await first.shutdown()
            await second.shutdown()
        }

        @Test func aReplayIdRecordedByOneReplicaIsRefusedByAnother() async throws {
            let server = try await RedisServer.start()
            defer { server.stop() }
            let (first, second) = (server.client(), server.client())
            let one = RedisReplayStore(client: first)
            let two = RedisReplayStore(client: second)
            #expect(try await one.insertIfAbsent("zendesk.sso.jti:j1", expiresIn: .seconds(60)))
            #expect(try await !two.insertIfAbsent("zendesk.sso.jti:j1", expiresIn: .seconds(60)))
            #expect(try await !one.insertIfAbsent("zendesk.sso.jti:j1", expiresIn: .seconds(60)))
            // Forgotten once expired; a separate prefix is a separate namespace.
            #expect(try await one.insertIfAbsent("short", expiresIn: .milliseconds(50)))
            try await Task.sleep(for: .milliseconds(150))
            #expect(try await two.insertIfAbsent("short", expiresIn: .seconds(60)))
            #expect(try await RedisReplayStore(client: first, keyPrefix: "other:").insertIfAbsent("zendesk.sso.jti:j1", expiresIn: .seconds(1)))
            // Concurrent replays across replicas: exactly one is accepted.
            let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<40 {
                    group.addTask { try await (index % 2 == 0 ? one : two).insertIfAbsent("race", expiresIn: .seconds(60)) }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(accepted == 1)
            await first.shutdown()
            await second.shutdown()
        }

        @Test func aCodeIssuedByOneReplicaIsRedeemedAtAnotherOnce() async throws {
            let server = try await RedisServer.start()
            defer { server.stop() }
            let (first, second) = (server.client(), server.client())
            let issuer = RedisOneTimeCodeStore(client: first)
            let redeemer = RedisOneTimeCodeStore(client: second)
            #expect(try await issuer.insert([1, 0, 2], forKey: "code:h1", lifetime: .seconds(60)))
            #expect(try await !redeemer.insert([9], forKey: "code:h1", lifetime: .seconds(60)))
            #expect(try await redeemer.consume("code:h1") == .first([1, 0, 2]))
            #expect(try await issuer.consume("code:h1") == .repeated([1, 0, 2]))
            #expect(try await issuer.consume("code:unknown") == .unknown)
            #expect(try await issuer.insert([], forKey: "code:empty", lifetime: .seconds(60)))
            #expect(try await redeemer.consume("code:empty") == .first([]))
            #expect(try await issuer.insert([5], forKey: "code:short", lifetime: .milliseconds(50)))
            try await Task.sleep(for: .milliseconds(150))
            #expect(try await redeemer.consume("code:short") == .unknown)

            // Many concurrent redemptions across both replicas: exactly one first.
            #expect(try await issuer.insert([7], forKey: "code:race", lifetime: .seconds(60)))
            let outcomes = try await withThrowingTaskGroup(of: CodeConsumption.self) { group in
                for index in 0..<60 {
                    group.addTask { try await (index % 2 == 0 ? issuer : redeemer).consume("code:race") }
                }
                return try await group.reduce(into: [CodeConsumption]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .first([7]) }.count == 1)
            #expect(outcomes.filter { $0 == .repeated([7]) }.count == 59)
            await first.shutdown()
            await second.shutdown()
        }

        @Test func refreshTokensRotateAndReuseRevokesTheFamilyAcrossReplicas() async throws {
            let server = try await RedisServer.start()
            defer { server.stop() }
            let (first, second) = (server.client(), server.client())
            let one = RedisRefreshTokenStore(client: first)
            let two = RedisRefreshTokenStore(client: second)
            try await one.insert([9], forKey: "t1", family: "f", subject: "s", lifetime: .seconds(100))
            #expect(try await two.rotate("t1", to: "t2", lifetime: .seconds(100)) == .rotated(payload: [9], family: "f"))
            #expect(try await one.rotate("t2", to: "t3", lifetime: .seconds(100)) == .rotated(payload: [9], family: "f"))
            #expect(try await two.isActive(family: "f"))
            // t1 was rotated away: reuse revokes the family, so t3 stops working too.
            #expect(try await two.rotate("t1", to: "t4", lifetime: .seconds(100)) == .reused(family: "f"))
            #expect(try await !one.isActive(family: "f"))
            #expect(try await one.rotate("t3", to: "t5", lifetime: .seconds(100)) == .unknown)
            #expect(try await one.rotate("nope", to: "t6", lifetime: .seconds(100)) == .unknown)
            // Existing family or key: refused, typed.
            await #expect { try await two.insert([], forKey: "t1", family: "g", subject: "s", lifetime: .seconds(100)) } throws: {
                ($0 as? AuthBridgeError)?.code == .entryExists
            }
            await #expect { try await two.insert([], forKey: "x", family: "f", subject: "s", lifetime: .seconds(100)) } throws: {
                ($0 as? AuthBridgeError)?.code == .entryExists
            }
            await first.shutdown()
            await second.shutdown()
        }

        @Test func refreshFamiliesExpireAndRotationNeverExtendsThem() async throws {
            let server = try await RedisServer.start()
            defer { server.stop() }
            let client = server.client()
            let store = RedisRefreshTokenStore(client: client)
            try await store.insert([], forKey: "t1", family: "f", subject: "s", lifetime: .milliseconds(400))
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await store.rotate("t1", to: "t2", lifetime: .seconds(100)) == .rotated(payload: [], family: "f"))
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await store.rotate("t2", to: "t3", lifetime: .seconds(100)) == .unknown)
            #expect(try await !store.isActive(family: "f"))
            await client.shutdown()
        }

        @Test func refreshFamiliesAreRevokedBySubjectAndConcurrentRotationsRotateOnce() async throws {
            let server = try await RedisServer.start()
            defer { server.stop() }
            let (first, second) = (server.client(), server.client())
            let one = RedisRefreshTokenStore(client: first)
            let two = RedisRefreshTokenStore(client: second)
            try await one.insert([], forKey: "a", family: "fa", subject: "alice", lifetime: .seconds(100))
            try await one.insert([], forKey: "a2", family: "fa2", subject: "alice", lifetime: .seconds(100))
            try await one.insert([], forKey: "b", family: "fb", subject: "bob", lifetime: .seconds(100))
            #expect(try await two.revokeFamilies(ofSubject: "alice") == 2)
            #expect(try await two.revokeFamilies(ofSubject: "alice") == 0)
            #expect(try await one.rotate("a", to: "a3", lifetime: .seconds(100)) == .unknown)
            #expect(try await one.rotate("b", to: "b2", lifetime: .seconds(100)) == .rotated(payload: [], family: "fb"))
            try await two.revokeFamily("fb")
            #expect(try await !one.isActive(family: "fb"))
            try await two.revokeFamily("never-existed")
            #expect(try await !one.isActive(family: "never-existed"))
            // Revoked ahead: a redemption still issuing cannot start the family afterwards, on any replica.
            await #expect {
                try await one.insert([], forKey: "late", family: "never-existed", subject: "s", lifetime: .seconds(100))
            } throws: { ($0 as? AuthBridgeError)?.code == .entryExists }
            #expect(try await one.rotate("late", to: "late2", lifetime: .seconds(100)) == .unknown)
            let tombstoneTTL = try await first.send(RedisCommand("PTTL", ["authbridge:{refresh}:family:never-existed"])).integer ?? -1
            #expect(tombstoneTTL > 0 && tombstoneTTL <= 600_000)

            try await one.insert([], forKey: "t", family: "f", subject: "s", lifetime: .seconds(100))
            let rotated = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        if case .rotated = try await (index % 2 == 0 ? one : two).rotate("t", to: "n\(index)", lifetime: .seconds(100)) {
                            return true
                        }
                        return false
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(rotated == 1)
            await first.shutdown()
            await second.shutdown()
        }
    }
}

extension LiveRedis.StoreTests {
    /// Lua's `false` and `nil` reach RESP2 clients as `$-1` and RESP3 clients as `_`: both read as absent.
    @Test func absentValuesReadTheSameOverRESP2() async throws {
        let server = try await RedisServer.start()
        defer { server.stop() }
        let client = server.client(protocolVersion: .resp2)
        let codes = RedisOneTimeCodeStore(client: client)
        #expect(try await codes.consume("code:none") == .unknown)
        #expect(try await codes.insert([1], forKey: "code:x", lifetime: .seconds(10)))
        #expect(try await codes.consume("code:x") == .first([1]))
        #expect(try await codes.consume("code:x") == .repeated([1]))
        let cache = RedisTokenCache<ClientKey>(client: client, logger: quietLogger)
        #expect(try await cache.token(for: ClientKey(id: "none")) == nil)
        let refresh = RedisRefreshTokenStore(client: client)
        #expect(try await refresh.rotate("none", to: "n", lifetime: .seconds(10)) == .unknown)
        #expect(try await !refresh.isActive(family: "none"))
        let replays = RedisReplayStore(client: client)
        #expect(try await replays.insertIfAbsent("r", expiresIn: .seconds(10)))
        #expect(try await !replays.insertIfAbsent("r", expiresIn: .seconds(10)))
        await client.shutdown()
    }
}
