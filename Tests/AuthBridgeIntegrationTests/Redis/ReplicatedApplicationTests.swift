import AuthBridge
import AuthBridgeRedis
import AuthBridgeServer
import AuthBridgeTesting
import Foundation
import Logging
import Testing

@testable import AuthBridgeTestSupport

extension LiveRedis {
    /// `redis.*` in the configuration: two applications built from it share one Redis, or one Redis Cluster.
    @Suite struct ReplicatedApplicationTests {
        @Test(arguments: [false, true])
        func twoApplicationsFromOneConfigurationShareTokensAndMappings(onACluster: Bool) async throws {
            let server = onACluster ? nil : try await RedisServer.start()
            defer { server?.stop() }
            let cluster = onACluster ? try await RedisCluster.start() : nil
            defer { cluster?.stop() }
            let port = try #require(server?.port ?? cluster?.nodes[0].port)
            let genesys = try await GenesysEmulator.start(.init(requiresMemberAuthentication: false, legacyWebChat: true))
            let environment = [
                "AUTHBRIDGE_ZENDESK_CHAT_SHARED_SECRET": "chat-visitor-shared-secret-0123456789abcdef012",
                "AUTHBRIDGE_GENESYS_BASE_URL": genesys.baseURL,
                "AUTHBRIDGE_GENESYS_CLIENT_ID": "emulator-client",
                "AUTHBRIDGE_GENESYS_CLIENT_SECRET": "emulator-secret",
                "AUTHBRIDGE_GENESYS_LEGACY_WEB_CHAT": "true",
                "AUTHBRIDGE_GENESYS_GUEST_CHAT_ORGANIZATION_ID": "emulated-org",
                "AUTHBRIDGE_GENESYS_GUEST_CHAT_DEPLOYMENT_ID": "emulated-deployment",
                "AUTHBRIDGE_GENESYS_GUEST_CHAT_QUEUE": "Support",
                "AUTHBRIDGE_GENESYS_GUEST_CHAT_REQUIRES_MEMBER_AUTHENTICATION": "false",
                "AUTHBRIDGE_REDIS_HOST": "127.0.0.1",
                "AUTHBRIDGE_REDIS_PORT": String(port),
                "AUTHBRIDGE_REDIS_CLUSTER": String(onACluster),
                "AUTHBRIDGE_BRIDGE_SEALING_KEY": "replicas-share-this-sealing-key-0123456789",
            ]
            var configuration = try await AuthBridgeConfiguration.load(environment: environment)
            // A loaded CI machine can stall a Redis connect (500 ms) or read (250 ms); a replica then
            // (rightly) fetches itself, which is not what this test is about.
            configuration.redis?.client.commandTimeout = .seconds(5)
            configuration.redis?.client.connectTimeout = .seconds(5)
            let logger = Logger(label: "replicas", factory: { _ in SwiftLogNoOpLogHandler() })
            let first = try AuthBridgeApplication(configuration: configuration, logger: logger)
            let second = try AuthBridgeApplication(configuration: configuration, logger: logger)
            try await first.warmUp()
            try await second.warmUp()
            #expect(genesys.tokensIssued == 1)

            let key = try JWTKey.hmac(secret: Array("chat-visitor-shared-secret-0123456789abcdef012".utf8))
            let now = JWTClock.system.now.rounded(.down)
            let credential = Secret(
                try JWTSigner(key: key).sign(["external_id": "visitor-1", "name": "Ada", "iat": .number(now), "exp": .number(now + 600)]))
            let request = WidgetRequest(credential: credential, credentialKind: .chatVisitorJWT, widget: .guestChat)
            let a = try await first.bridge.start(request).json["conversationId"]
            let b = try await second.bridge.start(request).json["conversationId"]
            #expect(a != nil && a == b)
            #expect(genesys.conversations.count == 1)

            await first.shutdown()
            await second.shutdown()
            await genesys.stop()
        }

        @Test func redisOverTLSFromTheConfiguration() async throws {
            let server = try await RedisServer.start(tls: true)
            defer { server.stop() }
            let genesys = try await GenesysEmulator.start(.init(legacyWebChat: true))
            let environment = [
                "AUTHBRIDGE_ZENDESK_CHAT_SHARED_SECRET": "chat-visitor-shared-secret-0123456789abcdef012",
                "AUTHBRIDGE_GENESYS_BASE_URL": genesys.baseURL,
                "AUTHBRIDGE_GENESYS_CLIENT_ID": "emulator-client",
                "AUTHBRIDGE_GENESYS_CLIENT_SECRET": "emulator-secret",
                "AUTHBRIDGE_REDIS_HOST": "127.0.0.1",
                "AUTHBRIDGE_REDIS_PORT": String(server.port),
                "AUTHBRIDGE_REDIS_TLS": "true",
                "AUTHBRIDGE_REDIS_TLS_SERVER_NAME": "localhost",
                "AUTHBRIDGE_REDIS_TLS_CA_FILE": server.directory.appendingPathComponent("ca.pem").path,
                "AUTHBRIDGE_BRIDGE_SEALING_KEY": "replicas-share-this-sealing-key-0123456789",
            ]
            let logger = Logger(label: "tls", factory: { _ in SwiftLogNoOpLogHandler() })
            var configuration = try await AuthBridgeConfiguration.load(environment: environment)
            #expect(configuration.redis?.client.tls != nil)
            configuration.redis?.client.commandTimeout = .seconds(5)
            configuration.redis?.client.connectTimeout = .seconds(5)
            let first = try AuthBridgeApplication(configuration: configuration, logger: logger)
            let second = try AuthBridgeApplication(configuration: configuration, logger: logger)
            try await first.warmUp()
            try await second.warmUp()
            // The second replica got the token through Redis over TLS: one fetch in all.
            #expect(genesys.tokensIssued == 1)
            await first.shutdown()
            await second.shutdown()
            await genesys.stop()
        }

        @Test func redisWithoutASealingKeyIsAConfigurationProblem() async throws {
            do {
                _ = try await AuthBridgeConfiguration.load(environment: [
                    "AUTHBRIDGE_ZENDESK_CHAT_SHARED_SECRET": "chat-visitor-shared-secret-0123456789abcdef012",
                    "AUTHBRIDGE_GENESYS_REGION": "us_east_1",
                    "AUTHBRIDGE_GENESYS_CLIENT_ID": "x",
                    "AUTHBRIDGE_GENESYS_CLIENT_SECRET": "secret-value",
                    "AUTHBRIDGE_REDIS_HOST": "127.0.0.1",
                ])
                Issue.record("loaded without a sealing key")
            } catch let error as ConfigurationError {
                #expect(error.problems.map(\.key) == ["bridge.sealingKey"])
            }
        }

        @Test func aRemoteRedisWithoutTLSIsAConfigurationProblem() async throws {
            let environment = [
                "AUTHBRIDGE_ZENDESK_CHAT_SHARED_SECRET": "chat-visitor-shared-secret-0123456789abcdef012",
                "AUTHBRIDGE_GENESYS_REGION": "us_east_1",
                "AUTHBRIDGE_GENESYS_CLIENT_ID": "x",
                "AUTHBRIDGE_GENESYS_CLIENT_SECRET": "secret-value",
                "AUTHBRIDGE_REDIS_HOST": "redis.internal",
                "AUTHBRIDGE_BRIDGE_SEALING_KEY": "replicas-share-this-sealing-key-0123456789",
            ]
            await #expect(throws: ConfigurationError.self) { try await AuthBridgeConfiguration.load(environment: environment) }
            var allowed = environment
            allowed["AUTHBRIDGE_REDIS_ALLOW_PLAINTEXT"] = "true"
            #expect(try await AuthBridgeConfiguration.load(environment: allowed).redis?.client.tls == nil)
        }
    }
}
