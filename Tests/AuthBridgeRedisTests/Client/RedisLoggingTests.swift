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
    }
}
