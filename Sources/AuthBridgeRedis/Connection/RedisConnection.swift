import AuthBridgeCore
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// One TCP connection to Redis, shared by concurrent commands (they are pipelined, answered in order).
final class RedisConnection: Sendable {
    let channel: any Channel
    private let health: RedisConnectionHealth

    private init(channel: any Channel, health: RedisConnectionHealth) {
        self.channel = channel
        self.health = health
    }

    /// Whether the connection can take commands: open, and its stream has not failed.
    var isActive: Bool { self.channel.isActive && !self.health.hasFailed }

    /// Connects, then authenticates and selects the database, all before `deadline`.
    static func connect(
        configuration: RedisClient.Configuration,
        eventLoopGroup: any EventLoopGroup,
        deadline: NIODeadline
    ) async throws(RedisError) -> RedisConnection {
        let remaining = deadline - .now()
        guard remaining > .zero else { throw RedisError(.connectionFailed, "no time left to connect") }
        let limits = configuration.replyLimits
        let health = RedisConnectionHealth()
        let tls: NIOSSLContext?
        do {
            tls = try configuration.tls.map { try NIOSSLContext(configuration: $0) }
        } catch {
            throw RedisError(.connectionFailed, "the TLS configuration is unusable (\(type(of: error)))")
        }
        let serverName = configuration.tlsServerName ?? Self.hostName(configuration.host)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(remaining)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls {
                            let handler = try NIOSSLClientHandler(context: tls, serverHostname: serverName)
                            try channel.pipeline.syncOperations.addHandler(handler)
                        }
                        try channel.pipeline.syncOperations.addHandler(RedisChannelHandler(limits: limits, health: health))
                    }
                }
                .connect(host: configuration.host, port: configuration.port)
                .get()
        } catch {
            throw RedisError(.connectionFailed, "could not connect to Redis (\(type(of: error)))")
        }
        let connection = RedisConnection(channel: channel, health: health)
        do {
            try await connection.handshake(configuration: configuration, deadline: deadline)
        } catch {
            channel.close(promise: nil)
            switch error.code {
            case .authenticationFailed, .serverError, .shutDown:
                throw error
            default:
                // A TLS failure, a peer that is not Redis, or a frozen one: the connection never became usable.
                throw RedisError(.connectionFailed, "the handshake failed (\(error.code))", command: error.command)
            }
        }
        return connection
    }

    /// `HELLO 3` (with `AUTH` when configured) for RESP3, else `AUTH`; then `SELECT` unless database 0.
    private func handshake(configuration: RedisClient.Configuration, deadline: NIODeadline) async throws(RedisError) {
        var authentication: [String] = []
        if let password = configuration.password {
            authentication = [configuration.username ?? "default", password.revealed]
        }
        do {
            switch configuration.protocolVersion.base {
            case .resp3:
                var hello = RedisCommand("HELLO", ["3"])
                if !authentication.isEmpty {
                    hello.append("AUTH")
                    for part in authentication { hello.append(part) }
                }
                _ = try await self.send(hello, deadline: deadline)
            case .resp2:
                if let password = configuration.password {
                    var auth = RedisCommand("AUTH")
                    if let username = configuration.username { auth.append(username) }
                    auth.append(password.revealed)
                    _ = try await self.send(auth, deadline: deadline)
                }
            }
        } catch  where error.code == .serverError {
            let prefix = error.serverErrorPrefix ?? ""
            if ["WRONGPASS", "NOAUTH", "NOPERM"].contains(prefix) || prefix.hasPrefix("WRONGPASS") {
                throw RedisError(.authenticationFailed, "Redis refused the configured credentials", command: error.command, serverErrorPrefix: prefix)
            }
            throw error
        }
        if configuration.database != 0 {
            _ = try await self.send(RedisCommand("SELECT", [String(configuration.database)]), deadline: deadline)
        }
    }

    /// Sends `command` (after `ASKING` when `asking`) and waits for its reply until `deadline`; an error
    /// reply throws ``RedisError/Code/serverError``, with the redirection when it is `MOVED` or `ASK`.
    func send(_ command: RedisCommand, deadline: NIODeadline, asking: Bool = false) async throws(RedisError) -> RESPValue {
        let promise = self.channel.eventLoop.makePromise(of: RESPValue.self)
        let request = RedisRequest(command: command, asking: asking, promise: promise, deadline: deadline)
        self.channel.writeAndFlush(request).whenFailure { _ in
            promise.fail(RedisError(.connectionClosed, "the command could not be written", command: command.name))
        }
        let reply: RESPValue
        do {
            reply = try await promise.futureResult.get()
        } catch let error as RedisError {
            throw error
        } catch {
            throw RedisError(.connectionClosed, "the command failed (\(type(of: error)))", command: command.name)
        }
        if case .error(let message) = reply {
            throw RedisError(
                .serverError,
                "Redis answered with an error",
                command: command.name,
                serverErrorPrefix: Self.firstWord(message),
                redirect: RedisRedirect(errorReply: message)
            )
        }
        return reply
    }

    /// `host` for SNI and certificate checks, unless it is an IP address (which SNI must not carry).
    static func hostName(_ host: String) -> String? {
        let isIPv4 = host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." }
        return isIPv4 || host.contains(":") ? nil : host
    }

    func close() {
        self.channel.close(promise: nil)
    }

    /// Takes the connection out of use at once (the pool's next command opens another), then closes it.
    func retire() {
        self.health.markFailed()
        self.channel.close(promise: nil)
    }

    /// The first word of an error reply: its code. The rest may quote arguments, so it is dropped.
    static func firstWord(_ message: [UInt8]) -> String {
        let word = message.prefix { $0 != UInt8(ascii: " ") }.prefix(32)
        return String(decoding: word.filter { $0 >= 0x21 && $0 < 0x7F }, as: UTF8.self)
    }
}
