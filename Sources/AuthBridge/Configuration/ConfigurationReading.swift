import AuthBridgeCore
package import Configuration
import Foundation

/// Reads keys and collects what is wrong with them, so one run names every problem, whichever component
/// reads the key (each section of ``AuthBridgeConfiguration`` and the HTTP front read their own keys).
package struct ConfigurationReading {
    let reader: ConfigReader
    /// Every problem found so far.
    package private(set) var problems: [ConfigurationError.Problem] = []
    /// Every key looked up, so a test can check that each one is documented.
    package private(set) var keysRead: Set<String> = []

    package init(reader: ConfigReader) {
        self.reader = reader
    }

    /// Records a problem with `key`; values are never part of it.
    package mutating func problem(_ key: String, _ reason: String) {
        self.problems.append(.init(key: key, reason: reason))
    }

    /// Whether a problem with `key` was recorded.
    package func hasProblem(_ key: String) -> Bool { self.problems.contains { $0.key == key } }

    /// Throws every problem recorded.
    package func check() throws(ConfigurationError) {
        guard self.problems.isEmpty else { throw ConfigurationError(self.problems) }
    }

    /// The trimmed text at `key`, or `nil` when absent or empty.
    package mutating func string(_ key: String) -> String? {
        self.keysRead.insert(key)
        let value = self.reader.string(forKey: ConfigKey(key), isSecret: false)?.trimmingCharacters(in: .whitespacesAndNewlines)
        return value?.isEmpty == true ? nil : value
    }

    package mutating func int(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>) -> Int {
        self.optionalInt(key, in: range) ?? defaultValue
    }

    /// The whole number at `key`, or `nil` when it is absent or wrong (a wrong one is a problem).
    package mutating func optionalInt(_ key: String, in range: ClosedRange<Int>) -> Int? {
        self.keysRead.insert(key)
        let value: Int
        if let number = self.reader.int(forKey: ConfigKey(key)) {
            value = number
        } else if let text = self.string(key) {
            guard let number = Int(text) else {
                self.problem(key, "must be a whole number")
                return nil
            }
            value = number
        } else {
            return nil
        }
        guard range.contains(value) else {
            self.problem(key, "must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return value
    }

    package mutating func bool(_ key: String) -> Bool {
        self.optionalBool(key) ?? false
    }

    /// A JSON boolean, or `true`/`false`/`yes`/`no`/`1`/`0` as text (environment, files); `nil` when absent.
    package mutating func optionalBool(_ key: String) -> Bool? {
        self.keysRead.insert(key)
        if let flag = self.reader.bool(forKey: ConfigKey(key)) { return flag }
        guard let text = self.string(key)?.lowercased() else { return nil }
        switch text {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default:
            self.problem(key, "must be true or false")
            return nil
        }
    }

    /// A list: a JSON array, or comma-separated text.
    package mutating func strings(_ key: String) -> [String] {
        self.keysRead.insert(key)
        let values = self.reader.stringArray(forKey: ConfigKey(key)) ?? self.string(key).map { [$0] } ?? []
        return values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A secret, checked for length; the value is never part of a problem.
    package mutating func secret(_ key: String, minimumBytes: Int) -> Secret? {
        self.keysRead.insert(key)
        guard let value = self.reader.string(forKey: ConfigKey(key), isSecret: true)?.trimmingCharacters(in: .whitespacesAndNewlines),
            !value.isEmpty
        else { return nil }
        guard value.utf8.count >= minimumBytes else {
            self.problem(key, "is \(value.utf8.count) bytes; at least \(minimumBytes) are needed")
            return nil
        }
        return Secret(value)
    }

    /// Browser origins, each checked (``originProblem(_:)``) and lower-cased.
    package mutating func origins(_ key: String) -> [String] {
        var result: [String] = []
        for origin in self.strings(key) {
            if let problem = Self.originProblem(origin) {
                self.problem(key, "\(origin.prefix(100)) \(problem)")
            } else {
                result.append(origin.lowercased())
            }
        }
        return result
    }

    /// An origin is `https://host[:port]`, or `http://` only for loopback development; `*` is refused.
    static func originProblem(_ origin: String) -> String? {
        if origin == "*" { return "is a wildcard; list each site origin" }
        guard let url = URL(string: origin), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            return "is not an origin (scheme://host[:port])"
        }
        guard url.path.isEmpty || url.path == "/", url.query == nil else { return "has a path or query; an origin has neither" }
        if scheme == "https" { return nil }
        if scheme == "http", LoopbackHost.contains(host) { return nil }
        return "must use https (http only for localhost)"
    }

    /// Why `text` is not a URL Genesys or a browser may be sent to: it must be absolute and https, or
    /// http on loopback. `nil` when it is fine.
    package static func urlProblem(_ text: String) -> String? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            return "is not an absolute URL"
        }
        if scheme == "https" { return nil }
        if scheme == "http", LoopbackHost.contains(host) { return nil }
        return "must use https (http only for localhost)"
    }
}
