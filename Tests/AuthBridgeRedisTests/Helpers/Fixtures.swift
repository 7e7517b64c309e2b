import AuthBridgeCore
import Logging
import Synchronization

@testable import AuthBridgeRedis

let quietLogger = Logger(label: "authbridge.redis.tests") { _ in SwiftLogNoOpLogHandler() }

extension RedisServer {
    /// A client for this server; each call is a separate client, as a separate replica would have.
    func client(
        username: String? = nil,
        password: String? = nil,
        database: Int = 0,
        protocolVersion: RedisClient.Configuration.ProtocolVersion = .resp3,
        commandTimeout: Duration = .milliseconds(250),
        connectionCount: Int = 2,
        replyLimits: RedisReplyLimits = RedisReplyLimits()
    ) -> RedisClient {
        RedisClient(
            configuration: .init(
                port: self.port,
                username: username,
                password: (password ?? self.password).map { Secret($0) },
                database: database,
                protocolVersion: protocolVersion,
                commandTimeout: commandTimeout,
                connectionCount: connectionCount,
                reconnectBackoff: .init(initial: .milliseconds(20), maximum: .milliseconds(200)),
                replyLimits: replyLimits
            ),
            logger: quietLogger
        )
    }
}

/// A key as a broker would use it.
struct ClientKey: Hashable, Sendable, CustomStringConvertible {
    var id: String
    var description: String { "client:\(self.id)" }
}

/// A provider that counts its calls and takes a while, like a token endpoint.
final class CountingProvider: TokenProvider, Sendable {
    typealias Key = ClientKey

    private let count = Atomic<Int>(0)
    let delay: Duration
    let lifetime: Duration

    init(delay: Duration = .milliseconds(100), lifetime: Duration = .seconds(3600)) {
        self.delay = delay
        self.lifetime = lifetime
    }

    var calls: Int { self.count.load(ordering: .relaxed) }

    func fetchToken(for key: ClientKey) async throws -> AccessToken {
        let call = self.count.wrappingAdd(1, ordering: .relaxed).newValue
        try await Task.sleep(for: self.delay)
        return AccessToken(value: Secret("token-\(key.id)-\(call)"), expiresIn: self.lifetime, scopes: ["a"], metadata: ["org": "o"])
    }
}

/// Runs `body` and returns how long it took.
func measure(_ body: () async throws -> Void) async rethrows -> Duration {
    let start = ContinuousClock.now
    try await body()
    return ContinuousClock.now - start
}
