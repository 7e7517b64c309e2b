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
}
