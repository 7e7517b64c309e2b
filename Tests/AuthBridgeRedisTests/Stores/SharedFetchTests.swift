import AuthBridgeCore
import Testing

@testable import AuthBridgeRedis
@testable import AuthBridgeTestSupport

extension LiveRedis {
    /// Three brokers standing for three replicas, each with its own Redis client, on one Redis.
    @Suite struct SharedFetchTests {
        struct Replica {
            let client: RedisClient
            let cache: RedisTokenCache<ClientKey>
            let broker: TokenBroker<ClientKey, ContinuousClock>

            func shutdown() async {
                await self.broker.shutdown()
                await self.client.shutdown()
            }
        }

        static func replicas(
            _ count: Int,
            server: RedisServer,
            provider: CountingProvider,
            configuration: RedisTokenCache<ClientKey>.Configuration = .init(pollInterval: .milliseconds(10))
        ) -> [Replica] {
            (0..<count).map { _ in
                let client = server.client()
                let cache = RedisTokenCache<ClientKey>(client: client, configuration: configuration, logger: quietLogger)
                let broker = TokenBroker(
                    provider: provider,
                    coordinator: cache,
                    configuration: .init(retry: .init(maximumAttempts: 2, initialBackoff: .milliseconds(10))),
                    clock: ContinuousClock(),
                    logger: quietLogger
                )
                return Replica(client: client, cache: cache, broker: broker)
            }
        }

        static func load(_ replicas: [Replica], key: ClientKey, callsPerReplica: Int = 50) async throws -> Set<String> {
            try await withThrowingTaskGroup(of: String.self) { group in
                for replica in replicas {
                    for _ in 0..<callsPerReplica {
                        group.addTask { try await replica.broker.token(for: key).value.revealed }
                    }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
        }

        @Test func threeReplicasUnderLoadMakeOneProviderCallPerKey() async throws {
            let server = try await RedisServer.start()
            defer { server.stop() }
            let provider = CountingProvider(delay: .milliseconds(150))
            let replicas = Self.replicas(3, server: server, provider: provider)
            for round in 0..<3 {
                let key = ClientKey(id: "k\(round)")
                let values = try await Self.load(replicas, key: key)
                #expect(values.count == 1, "every replica hands out the one token")
                #expect(provider.calls == round + 1)
            }
            // Cache hits afterwards never call anyone.
            _ = try await Self.load(replicas, key: ClientKey(id: "k0"))
            #expect(provider.calls == 3)
            for replica in replicas { await replica.shutdown() }
        }

        @Test func aRefreshDueEverywhereIsFetchedByOneReplica() async throws {
            let server = try await RedisServer.start()
            defer { server.stop() }
            // 3 s tokens, refreshed in their last 1.2 s (broker default fraction 20%, margin set below).
            let provider = CountingProvider(delay: .milliseconds(50), lifetime: .seconds(3))
            let replicas = (0..<3).map { _ in
                let client = server.client()
                let cache = RedisTokenCache<ClientKey>(client: client, configuration: .init(pollInterval: .milliseconds(10)), logger: quietLogger)
                let broker = TokenBroker(
                    provider: provider,
                    coordinator: cache,
                    configuration: .init(refreshAheadMargin: .milliseconds(1200), expirySafetyMargin: .milliseconds(100)),
                    clock: ContinuousClock(),
                    logger: quietLogger
                )
                return Replica(client: client, cache: cache, broker: broker)
            }
            let key = ClientKey(id: "refresh")
            _ = try await Self.load(replicas, key: key, callsPerReplica: 5)
            #expect(provider.calls == 1)
            // Keep asking across the refresh window: each replica's refresh finds the one new token.
            let end = ContinuousClock.now + .milliseconds(2600)
            while ContinuousClock.now < end {
                _ = try await Self.load(replicas, key: key, callsPerReplica: 2)
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(provider.calls == 2, "one initial fetch and one refresh for three replicas")
            for replica in replicas { await replica.shutdown() }
        }

        @Test func noRequestFailsWhileRedisIsDownAndSharingResumesAfterARestart() async throws {
            let server = try await RedisServer.start()
            defer { server.stop() }
            let provider = CountingProvider(delay: .milliseconds(20))
            let replicas = Self.replicas(3, server: server, provider: provider)
            _ = try await Self.load(replicas, key: ClientKey(id: "warm"))
            #expect(provider.calls == 1)

            server.kill()
            // Held tokens keep being served; a key no replica holds is fetched per replica, quickly.
            let elapsed = try await measure {
                _ = try await Self.load(replicas, key: ClientKey(id: "warm"), callsPerReplica: 100)
                for replica in replicas { _ = try await replica.broker.token(for: ClientKey(id: "cold")) }
            }
            #expect(provider.calls == 4)
            #expect(elapsed < .seconds(3))

            try await server.launch()
            // The clients reconnect on their own; the shared cache works again without a restart.
            let key = ClientKey(id: "after-restart")
            try await eventually {
                try await replicas[0].client.ping()
                try await replicas[1].client.ping()
                try await replicas[2].client.ping()
            }
            let before = provider.calls
            let values = try await Self.load(replicas, key: key)
            #expect(values.count == 1)
            #expect(provider.calls == before + 1)
            for replica in replicas { await replica.shutdown() }
        }

        @Test func aPausedRedisCostsAMissOnlyTheTimeoutThenTheReplicaFetchesItself() async throws {
            let server = try await RedisServer.start()
            defer { server.stop() }
            let provider = CountingProvider(delay: .milliseconds(20))
            let replicas = Self.replicas(1, server: server, provider: provider)
            try await replicas[0].client.ping()
            server.pause()
            let elapsed = try await measure {
                _ = try await replicas[0].broker.token(for: ClientKey(id: "paused"))
            }
            #expect(provider.calls == 1)
            #expect(elapsed < .seconds(2))
            server.resume()
            for replica in replicas { await replica.shutdown() }
        }

        @Test func aWaitingReplicaFetchesItselfWhenTheLockHolderNeverPublishes() async throws {
            let server = try await RedisServer.start()
            defer { server.stop() }
            let provider = CountingProvider(delay: .milliseconds(10))
            let replicas = Self.replicas(
                1, server: server, provider: provider, configuration: .init(lockWait: .milliseconds(300), pollInterval: .milliseconds(10)))
            // A crashed replica's lock: held, never released, no token published.
            _ = try await replicas[0].client.send(RedisCommand("SET", ["authbridge:lock:client:stuck", "someone-else", "PX", "60000"]))
            let elapsed = try await measure {
                _ = try await replicas[0].broker.token(for: ClientKey(id: "stuck"))
            }
            #expect(provider.calls == 1)
            #expect(elapsed >= .milliseconds(300) && elapsed < .seconds(2))
            // The other replica's lock is untouched: only its owner may release it.
            #expect(try await replicas[0].client.send(RedisCommand("GET", ["authbridge:lock:client:stuck"])).bytes == Array("someone-else".utf8))
            for replica in replicas { await replica.shutdown() }
        }
    }
}
