import AuthBridgeCore
import AuthBridgeRedis
import Logging

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
            logger: Logger(label: "authbridge.redis.tests") { _ in SwiftLogNoOpLogHandler() }
        )
    }
}
