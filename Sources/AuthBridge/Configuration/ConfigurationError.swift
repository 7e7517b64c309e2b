/// Why a configuration cannot be used: every wrong or missing key, each with the reason. Values are never
/// repeated, so a misplaced secret does not end up in a log.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One wrong key.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The key, dotted (`genesys.client.secret`); its environment variable is `AUTHBRIDGE_` + the key
        /// in upper case with `_` for `.` and between camel-case words (`AUTHBRIDGE_OIDC_SIGNING_KEY_ID`).
        public let key: String
        /// What is wrong with it.
        public let reason: String

        /// `key: reason`.
        public var description: String { "\(self.key): \(self.reason)" }
    }

    /// Every problem found, in key order.
    public let problems: [Problem]

    package init(_ problems: [Problem]) {
        self.problems = problems.sorted { $0.key < $1.key }
    }

    /// One problem per line.
    public var description: String {
        "the configuration has \(self.problems.count) problem\(self.problems.count == 1 ? "" : "s"):\n"
            + self.problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
