import AuthBridgeCore
import MetricsTestKit
import Testing

@testable import AuthBridgeRedis
@testable import AuthBridgeTestSupport

extension LiveRedis {
    /// The client and every store against a real three-master Redis Cluster on loopback.
    @Suite struct ClusterTests {
        @Test func everyStoreWorksAcrossTheMasters() async throws {
            let cluster = try await RedisCluster.start()
            defer { cluster.stop() }
            let metrics = TestMetrics()
            let client = cluster.client(metricsFactory: metrics)
            defer { Task { await client.shutdown() } }

            // Our slot of each key is Redis's own.
            let keys = ["authbridge:token:client:a", "authbridge:{refresh}:key:k", "authbridge:replay:x", "foo", "{user1000}.following"]
            for key in keys {
                let theirs = try cluster.cliLine(["-p", "\(cluster.nodes[0].port)", "CLUSTER", "KEYSLOT", key])
                #expect(Int(theirs) == RedisHashSlot.slot(of: Array(key.utf8)), "\(key)")
            }

            // Token cache keys spread over the masters; each is read back through whichever owns it.
            let cache = RedisTokenCache<ClientKey>(client: client, logger: quietLogger)
            var owners: Set<Int> = []
            for index in 0..<24 {
                let key = ClientKey(id: "c\(index)")
                let token = AccessToken(value: Secret("v\(index)"), expiresIn: .seconds(60), scopes: ["s"], metadata: [:])
                try await cache.set(token, for: key, expiresIn: .seconds(60))
                #expect(try await cache.token(for: key)?.value == token.value)
                owners.insert(try cluster.master(of: RedisHashSlot.slot(of: Array("authbridge:token:client:c\(index)".utf8))).port)
            }
            #expect(owners.count == 3)

            // The refresh store's scripts touch several keys: one slot, so Redis runs them.
            let refresh = RedisRefreshTokenStore(client: client)
            try await refresh.insert([1, 2], forKey: "refresh:a", family: "family-1", subject: "customer-1", lifetime: .seconds(60))
            #expect(try await refresh.rotate("refresh:a", to: "refresh:b", lifetime: .seconds(60)) == .rotated(payload: [1, 2], family: "family-1"))
            #expect(try await refresh.rotate("refresh:a", to: "refresh:c", lifetime: .seconds(60)) == .reused(family: "family-1"))
            #expect(try await refresh.isActive(family: "family-1") == false)
            try await refresh.insert([3], forKey: "refresh:d", family: "family-2", subject: "customer-1", lifetime: .seconds(60))
            #expect(try await refresh.revokeFamilies(ofSubject: "customer-1") == 1)

            let replay = RedisReplayStore(client: client)
            #expect(try await replay.insertIfAbsent("jti-1", expiresIn: .seconds(60)))
            #expect(try await replay.insertIfAbsent("jti-1", expiresIn: .seconds(60)) == false)
            let codes = RedisOneTimeCodeStore(client: client)
            #expect(try await codes.insert([9], forKey: "code:1", lifetime: .seconds(60)))
            #expect(try await codes.consume("code:1") == .first([9]))
            #expect(try await codes.consume("code:1") == .repeated([9]))
            let mappings = RedisSessionMappingStore(client: client)
            #expect(try await mappings.insertIfAbsent([1], forKey: "m", lifetime: .seconds(60)) == [1])
            #expect(try await mappings.mapping(forKey: "m") == [1])
            try await client.ping()
            // Every command went straight to its master: a wrong route would have been redirected.
            #expect(metrics.counters.filter { $0.label == "authbridge_redis_redirects_total" }.allSatisfy { $0.totalValue == 0 })
            #expect(try metrics.expectCounter("authbridge_redis_slot_map_reads_total", [("result", "success")]).totalValue >= 1)
        }

        @Test func followsAskDuringAMigrationAndMovedAfterIt() async throws {
            let cluster = try await RedisCluster.start()
            defer { cluster.stop() }
            let metrics = TestMetrics()
            let client = cluster.client(metricsFactory: metrics)
            defer { Task { await client.shutdown() } }
            let cache = RedisTokenCache<ClientKey>(client: client, logger: quietLogger)
            let key = ClientKey(id: "moving")
            let redisKey = "authbridge:token:client:moving"
            let slot = RedisHashSlot.slot(of: Array(redisKey.utf8))
            let token = AccessToken(value: Secret("v"), expiresIn: .seconds(60), scopes: [], metadata: [:])
            try await cache.set(token, for: key, expiresIn: .seconds(60))

            let source = try cluster.master(of: slot)
            let infos = try cluster.nodeInfos(askingPort: source.port)
            let target = try #require(infos.first { $0.isMaster && $0.id != source.id })
            try cluster.cli(["-p", "\(target.port)", "CLUSTER", "SETSLOT", "\(slot)", "IMPORTING", source.id])
            try cluster.cli(["-p", "\(source.port)", "CLUSTER", "SETSLOT", "\(slot)", "MIGRATING", target.id])
            try cluster.cli(["-p", "\(source.port)", "MIGRATE", "127.0.0.1", "\(target.port)", "", "0", "5000", "KEYS", redisKey])

            // Mid-migration the source answers ASK for the moved key: read through ASKING at the target,
            // each time (ASK is for one command; the slot still belongs to the source).
            // (The first read may ask twice: the target answers NOSCRIPT, and the EVAL that follows asks again.)
            #expect(try await cache.token(for: key)?.value == token.value)
            let asks = try metrics.expectCounter("authbridge_redis_redirects_total", [("kind", "ask")]).totalValue
            #expect(asks >= 1)
            #expect(try await cache.token(for: key)?.value == token.value)
            #expect(try metrics.expectCounter("authbridge_redis_redirects_total", [("kind", "ask")]).totalValue == asks + 1)

            for node in infos where node.isMaster {
                try cluster.cli(["-p", "\(node.port)", "CLUSTER", "SETSLOT", "\(slot)", "NODE", target.id])
            }
            // The client's map still names the source: MOVED takes it to the target, and it remembers.
            #expect(try await cache.token(for: key)?.value == token.value)
            #expect(try metrics.expectCounter("authbridge_redis_redirects_total", [("kind", "moved")]).totalValue == 1)
            try await cache.set(token, for: key, expiresIn: .seconds(30))
            #expect(try await cache.token(for: key)?.value == token.value)
            #expect(try metrics.expectCounter("authbridge_redis_redirects_total", [("kind", "moved")]).totalValue == 1)
            #expect(try cluster.cli(["-p", "\(target.port)", "EXISTS", redisKey]).contains("1"))
        }

        @Test func followsAFailoverOfTheMasterHoldingAToken() async throws {
            let cluster = try await RedisCluster.start()
            defer { cluster.stop() }
            let client = cluster.client()
            defer { Task { await client.shutdown() } }
            let cache = RedisTokenCache<ClientKey>(client: client, logger: quietLogger)
            let key = ClientKey(id: "failover")
            let slot = RedisHashSlot.slot(of: Array("authbridge:token:client:failover".utf8))
            let token = AccessToken(value: Secret("survives"), expiresIn: .seconds(120), scopes: [], metadata: [:])
            try await cache.set(token, for: key, expiresIn: .seconds(120))

            let master = try cluster.master(of: slot)
            let replica = try #require(try cluster.nodeInfos(askingPort: master.port).first { $0.masterID == master.id })
            // Replication is asynchronous: wait until the replica holds the token before killing its master.
            let replicaServer = try #require(cluster.server(onPort: replica.port))
            let deadline = ContinuousClock.now + .seconds(10)
            while ContinuousClock.now < deadline {
                if let size = try? cluster.cliLine(["-p", "\(replica.port)", "DBSIZE"]), size != "0" { break }
                try await Task.sleep(for: .milliseconds(50))
            }

            let masterServer = try #require(cluster.server(onPort: master.port))
            masterServer.kill()
            // Until the replica is promoted the read fails (the stores' callers fall back); then it
            // finds the token on the new master without a restart or any other help.
            var read: AccessToken?
            let failoverDeadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < failoverDeadline, read == nil {
                read = try? await cache.token(for: key)
                if read == nil { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(read?.value == token.value)
            #expect(try cluster.master(of: slot, askingPort: replica.port).port == replicaServer.port)
            try await cache.set(token, for: key, expiresIn: .seconds(60))

            // A new client whose configured host is the dead master finds the cluster through a seed.
            let late = cluster.client(seed: masterServer, seeds: [replicaServer])
            defer { Task { await late.shutdown() } }
            let lateCache = RedisTokenCache<ClientKey>(client: late, logger: quietLogger)
            #expect(try await lateCache.token(for: key)?.value == token.value)
        }

        @Test func crossSlotScriptsAreRefusedByRedisNotSplit() async throws {
            // Why the refresh store's keys carry a tag: without one, Redis Cluster refuses the script.
            let cluster = try await RedisCluster.start()
            defer { cluster.stop() }
            let client = cluster.client()
            defer { Task { await client.shutdown() } }
            let script = RedisScript("return redis.call('EXISTS', KEYS[1]) + redis.call('EXISTS', KEYS[2])")
            await #expect {
                _ = try await client.evaluate(script, keys: ["authbridge:refresh:key:a", "authbridge:refresh:family:f"])
            } throws: { error in
                (error as? RedisError)?.serverErrorPrefix == "CROSSSLOT"
            }
            #expect(try await client.evaluate(script, keys: ["authbridge:{refresh}:key:a", "authbridge:{refresh}:family:f"]).integer == 0)
        }
    }
}
