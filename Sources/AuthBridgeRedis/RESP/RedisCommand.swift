/// A command to send: its name and arguments as bytes.
///
/// Only ``name`` ever appears in errors and logs; arguments may be secrets (a password, a token).
struct RedisCommand: Sendable {
    /// The command's name, for errors and logs.
    let name: String
    /// Every part, the name first.
    private(set) var parts: [[UInt8]]

    init(_ name: String, _ arguments: [String] = []) {
        self.name = name
        self.parts = [Array(name.utf8)] + arguments.map { Array($0.utf8) }
    }

    mutating func append(_ argument: String) {
        self.parts.append(Array(argument.utf8))
    }

    mutating func append(bytes: [UInt8]) {
        self.parts.append(bytes)
    }

    mutating func append(_ argument: Int) {
        self.parts.append(Array(String(argument).utf8))
    }

    /// The key Redis Cluster routes the command by: the first key of a script (`EVAL`, `EVALSHA`), the
    /// first argument of the key commands the stores send, `nil` for commands about no key (`PING`).
    var routingKey: [UInt8]? {
        switch self.name {
        case "EVAL", "EVALSHA":
            guard self.parts.count > 3, self.parts[2] != Array("0".utf8) else { return nil }
            return self.parts[3]
        case "PING", "HELLO", "AUTH", "SELECT", "CLUSTER", "ASKING", "INFO", "WAIT":
            return nil
        default:
            return self.parts.count > 1 ? self.parts[1] : nil
        }
    }
}
