/// An error from AuthBridgeRedis: what failed and the safe evidence an operator needs, never a secret.
///
/// A struct over a private code enum, so new codes fit a minor release. It never holds a password, a
/// token, a code, a key's payload or the arguments of a command: only the command's name (`SET`,
/// `EVALSHA`), the first word of a server error (`NOSCRIPT`, `WRONGPASS`) and short explanations
/// written here.
public struct RedisError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case connectionFailed
            case connectionClosed
            case timeout
            case protocolError
            case replyTooLarge
            case serverError
            case authenticationFailed
            case unexpectedReply
            case shutDown
            case tooManyRedirects
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// No connection to Redis could be made (refused, unreachable, handshake timed out), or the pool
        /// is backing off after such a failure.
        public static let connectionFailed = Code(.connectionFailed)
        /// The connection closed while the command was waiting for its reply.
        public static let connectionClosed = Code(.connectionClosed)
        /// No reply arrived before the command's deadline; the connection was closed.
        public static let timeout = Code(.timeout)
        /// The server sent bytes that are not RESP2 or RESP3.
        public static let protocolError = Code(.protocolError)
        /// A reply broke a configured size limit (bulk length, element count, nesting or total size).
        public static let replyTooLarge = Code(.replyTooLarge)
        /// Redis answered with an error reply; ``RedisError/serverErrorPrefix`` holds its first word.
        public static let serverError = Code(.serverError)
        /// Redis refused the configured credentials (`AUTH` or `HELLO … AUTH`).
        public static let authenticationFailed = Code(.authenticationFailed)
        /// Redis answered with a reply of a shape the command never returns.
        public static let unexpectedReply = Code(.unexpectedReply)
        /// The client was shut down.
        public static let shutDown = Code(.shutDown)
        /// Redis Cluster redirected one command (`MOVED`, `ASK`) more often than
        /// ``RedisClient/Configuration/Cluster/maximumRedirects`` allows: slots are moving, or the nodes
        /// disagree about who serves them.
        public static let tooManyRedirects = Code(.tooManyRedirects)

        /// The code's name, for example `timeout`.
        public var description: String { self.base.rawValue }
    }

    /// What went wrong.
    public let code: Code
    /// A short explanation that never quotes a secret or a command argument.
    public let reason: String
    /// The name of the command concerned (`GET`, `EVALSHA`), if any.
    public let command: String?
    /// The first word of Redis's error reply (`ERR`, `NOSCRIPT`, `WRONGPASS`), for ``Code/serverError``.
    ///
    /// Only the first word is kept: the rest of a Redis error may quote a command's arguments.
    public let serverErrorPrefix: String?
    /// Where Redis Cluster sent the command instead (`MOVED`, `ASK`): a slot and an address, no key.
    let redirect: RedisRedirect?

    init(_ code: Code, _ reason: String, command: String? = nil, serverErrorPrefix: String? = nil, redirect: RedisRedirect? = nil) {
        self.code = code
        self.reason = reason
        self.command = command.map { Self.capped($0, limit: 32) }
        self.serverErrorPrefix = serverErrorPrefix.map { Self.capped($0, limit: 32) }
        self.redirect = redirect
    }

    /// The code's name, bounded and free of associated values: safe as a metric label.
    public var shortDescription: String { self.code.description }

    /// `RedisError(code): reason`, followed by the command's name and the server error's first word.
    public var description: String {
        var text = "RedisError(\(self.code)): \(self.reason)"
        if let command { text += " [command: \(command)]" }
        if let serverErrorPrefix { text += " [server: \(serverErrorPrefix)]" }
        return text
    }

    /// The same error naming `command`, unless it names one already.
    func naming(_ command: String) -> RedisError {
        guard self.command == nil else { return self }
        return RedisError(self.code, self.reason, command: command, serverErrorPrefix: self.serverErrorPrefix, redirect: self.redirect)
    }

    /// Caps text taken from elsewhere, so a hostile or verbose value cannot flood logs.
    static func capped(_ text: String, limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }

    static let shutDown = RedisError(.shutDown, "the Redis client was shut down")
}
