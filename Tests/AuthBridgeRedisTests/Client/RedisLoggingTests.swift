import AuthBridgeCore
import InMemoryLogging
import Logging
import Testing

@testable import AuthBridgeRedis
@testable import AuthBridgeTestSupport

extension LiveRedis {
    @Suite struct LoggingTests {
        @Test func neitherLogsNorErrorsNorTheConfigurationShowAPasswordOrAToken() async throws {
            let server = try await RedisServer.start(password: "p4ss-w0rd-secret")
            defer { server.stop() }
            var logs = InMemoryLogHandler()
            logs.logLevel = .trace
            let handler = logs
            let logger = Logger(label: "test") { _ in handler }
            let configuration = RedisClient.Configuration(port: server.port, password: Secret("wrong-secret-pass"))
            let wrong = RedisClient(configuration: configuration, logger: logger)
            var errors: [String] = []
            do {
                try await wrong.ping()
            } catch {
                errors.append("\(error)")
            }
            await wrong.shutdown()

            let client = RedisClient(configuration: .init(port: server.port, password: Secret("p4ss-w0rd-secret")), logger: logger)
            let cache = RedisTokenCache<ClientKey>(client: client, logger: logger)
            try await cache.set(
                AccessToken(value: Secret("bearer-secret-value"), expiresIn: .seconds(60)), for: ClientKey(id: "a"), expiresIn: .seconds(60))
            server.kill()
            // Redis down: the coordinator logs its fallback, the client its failures.
            let token = try await cache.token(for: ClientKey(id: "b"), outliving: .zero) {
                AccessToken(value: Secret("bearer-secret-value"), expiresIn: .seconds(60))
            }
            #expect(token.value == Secret("bearer-secret-value"))
            await client.shutdown()

            let text =
                logs.entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n") + errors.joined()
                + "\(configuration)" + String(reflecting: configuration)
            #expect(text.contains("fetching in this replica"))
            for secret in ["p4ss-w0rd-secret", "wrong-secret-pass", "bearer-secret-value"] {
                #expect(!text.contains(secret))
            }
        }

        @Test func anOutageIsOneWarningPerConnectionNotOnePerAttempt() async throws {
            // The chaos soak's Redis phases wrote a warning per reconnect attempt (27 a replica in 5 s).
            let server = try await RedisServer.start()
            defer { server.stop() }
            var logs = InMemoryLogHandler()
            logs.logLevel = .trace
            let handler = logs
            let client = RedisClient(
                configuration: .init(
                    port: server.port, connectionCount: 1, reconnectBackoff: .init(initial: .milliseconds(10), maximum: .milliseconds(20))),
                logger: Logger(label: "test") { _ in handler }
            )
            try await client.ping()
            server.kill()
            for _ in 0..<30 {
                try? await client.ping()
                try await Task.sleep(for: .milliseconds(15))
            }
            let failures = logs.entries.filter { $0.message.description.hasPrefix("Redis connection failed") }
            #expect(failures.count > 3)
            #expect(failures.filter { $0.level == .warning }.count == 1)
            try await server.launch()
            // The next attempt after the (20 ms) backoff connects.
            var restored = false
            for _ in 0..<100 where !restored {
                restored = (try? await client.ping()) != nil
                if !restored { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(restored)
            #expect(logs.entries.contains { $0.message.description == "Redis connection restored" && $0.level == .notice })
            await client.shutdown()
        }
    }
}
