import AuthBridgeCore
import Testing

@testable import AuthBridgeRedis
@testable import AuthBridgeTestSupport

extension LiveRedis {
    @Suite struct ClientTests {
        @Test(arguments: [RedisClient.Configuration.ProtocolVersion.resp3, .resp2])
        func pingsAndPipelinesManyCommandsInOrder(protocolVersion: RedisClient.Configuration.ProtocolVersion) async throws {
            let server = try await RedisServer.start()
            defer { server.stop() }
            let client = server.client(protocolVersion: protocolVersion, connectionCount: 1)
            try await client.ping()
            // 300 concurrent commands share one connection; each gets its own reply.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<300 {
                    group.addTask {
                        let reply = try await client.send(RedisCommand("ECHO", ["value-\(index)"]))
                        #expect(reply.bytes == Array("value-\(index)".utf8))
                    }
                }
                try await group.waitForAll()
            }
            await client.shutdown()
            do {
                try await client.ping()
                Issue.record("a shut-down client sent a command")
            } catch {
                #expect(error.code == .shutDown)
            }
        }

        @Test func logsInWithAPasswordOrAnACLUserAndRefusesWrongOnes() async throws {
            let server = try await RedisServer.start(password: "s3cret-pass")
            defer { server.stop() }
            for version in [RedisClient.Configuration.ProtocolVersion.resp3, .resp2] {
                let client = server.client(protocolVersion: version)
                try await client.ping()
                _ = try await client.send(RedisCommand("ACL", ["SETUSER", "bridge", "on", ">bridge-pass", "~*", "+@all"]))
                let user = server.client(username: "bridge", password: "bridge-pass", protocolVersion: version)
                try await user.ping()
                #expect(try await user.send(RedisCommand("ACL", ["WHOAMI"])).bytes == Array("bridge".utf8))

                for wrong in [
                    server.client(password: "wrong-pass", protocolVersion: version),
                    server.client(username: "bridge", password: "nope", protocolVersion: version),
                ] {
                    do {
                        try await wrong.ping()
                        Issue.record("a wrong password was accepted")
                    } catch {
                        #expect(error.code == .authenticationFailed)
                        #expect(!error.description.contains("wrong-pass") && !error.description.contains("nope"))
                    }
                    await wrong.shutdown()
                }
                await user.shutdown()
                await client.shutdown()
            }
        }

        @Test func selectsTheConfiguredDatabase() async throws {
            let server = try await RedisServer.start()
            defer { server.stop() }
            let three = server.client(database: 3)
            let zero = server.client()
            _ = try await three.send(RedisCommand("SET", ["k", "in-3"]))
            #expect(try await three.send(RedisCommand("GET", ["k"])).bytes == Array("in-3".utf8))
            #expect(try await zero.send(RedisCommand("GET", ["k"])) == .null)
            await three.shutdown()
            await zero.shutdown()
        }

        @Test func runsScriptsByShaAndFallsBackToEvalAfterAFlush() async throws {
            let server = try await RedisServer.start()
            defer { server.stop() }
            let client = server.client()
            let script = RedisScript("return ARGV[1] .. KEYS[1]")
            // Our SHA-1 names the script as Redis does.
            #expect(try await client.send(RedisCommand("SCRIPT", ["LOAD", script.source])).bytes == Array(script.sha1.utf8))
            _ = try await client.send(RedisCommand("SCRIPT", ["FLUSH"]))
            #expect(try await client.evaluate(script, keys: ["k"], arguments: [Array("v".utf8)]).bytes == Array("vk".utf8))
            #expect(try await client.evaluate(script, keys: ["k"], arguments: [Array("w".utf8)]).bytes == Array("wk".utf8))
            do {
                _ = try await client.send(RedisCommand("NOSUCHCOMMAND", ["secret-argument"]))
                Issue.record("an unknown command succeeded")
            } catch {
                #expect(error.code == .serverError && error.serverErrorPrefix == "ERR")
                #expect(!error.description.contains("secret-argument"))
            }
            await client.shutdown()
        }

        @Test func anOversizedReplyFailsTypedAndTheClientRecovers() async throws {
            let server = try await RedisServer.start()
            defer { server.stop() }
            let client = server.client(connectionCount: 1, replyLimits: RedisReplyLimits(maximumBulkLength: 1000))
            _ = try await client.send(RedisCommand("SET", ["big", String(repeating: "x", count: 5000)]))
            await #expect(throws: RedisError.self) { _ = try await client.send(RedisCommand("GET", ["big"])) }
            do {
                _ = try await client.send(RedisCommand("GET", ["big"]))
            } catch {
                #expect(error.code == .replyTooLarge)
            }
            try await client.ping()
            await client.shutdown()
        }

        @Test func aPausedRedisTimesOutQuicklyAndIsUsedAgainWhenItWakes() async throws {
            let server = try await RedisServer.start()
            defer { server.stop() }
            let client = server.client(commandTimeout: .milliseconds(200))
            try await client.ping()
            server.pause()
            for _ in 0..<3 {
                let elapsed = await measure {
                    do throws(RedisError) {
                        try await client.ping()
                        Issue.record("a paused Redis answered")
                    } catch {
                        #expect(error.code == .timeout || error.code == .connectionFailed)
                    }
                }
                // Command timeout, or connect timeout plus command timeout when reconnecting.
                #expect(elapsed < .milliseconds(1500))
            }
            server.resume()
            try await eventually { try await client.ping() }
            await client.shutdown()
        }

        @Test func aKilledRedisFailsFastAndTheClientReconnectsAfterARestart() async throws {
            let server = try await RedisServer.start()
            defer { server.stop() }
            let client = server.client()
            try await client.ping()
            server.kill()
            for _ in 0..<5 {
                let elapsed = await measure {
                    await #expect(throws: RedisError.self) { try await client.ping() }
                }
                #expect(elapsed < .milliseconds(800))
            }
            try await server.launch()
            try await eventually { try await client.ping() }
            await client.shutdown()
        }

        @Test func aPrimaryTurnedReplicaIsLeftForANewConnection() async throws {
            // A failover behind a stable name (Sentinel's, a proxy's) leaves our connection on a replica,
            // which answers writes with READONLY: the connection is dropped, not kept failing.
            let server = try await RedisServer.start()
            defer { server.stop() }
            let primary = try await RedisServer.start()
            defer { primary.stop() }
            let client = server.client(connectionCount: 1)
            let before = try await client.send(RedisCommand("CLIENT", ["ID"])).integer
            try server.cli(["REPLICAOF", "127.0.0.1", "\(primary.port)"])
            await #expect {
                _ = try await client.send(RedisCommand("SET", ["k", "v"]))
            } throws: { error in
                (error as? RedisError)?.serverErrorPrefix == "READONLY"
            }
            let after = try await client.send(RedisCommand("CLIENT", ["ID"])).integer
            #expect(before != nil && after != nil && before != after)
            try server.cli(["REPLICAOF", "NO", "ONE"])
            _ = try await client.send(RedisCommand("SET", ["k", "v"]))
            await client.shutdown()
        }
    }
}
