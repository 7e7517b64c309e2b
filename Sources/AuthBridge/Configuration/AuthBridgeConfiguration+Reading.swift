import AuthBridgeCore
import AuthBridgeGenesys
import AuthBridgeJWT
import AuthBridgeZendesk
public import Configuration
import Foundation
import SystemPackage

extension AuthBridgeConfiguration {
    /// The keys whose values are secrets: read as secrets, kept as `Secret`, never echoed.
    public static let secretKeys: Set<String> = [
        "zendesk.messaging.secret", "zendesk.chat.sharedSecret", "zendesk.sso.sharedSecret", "zendesk.client.secret",
        "genesys.client.secret", "oidc.client.secret", "oidc.signingKey", "oidc.nextSigningKey", "bridge.sealingKey", "redis.password",
    ]

    /// Reads and checks a configuration from, in order of precedence, the environment (`AUTHBRIDGE_…`),
    /// a directory of secret files, and a JSON file.
    /// - Parameters:
    ///   - filePath: A JSON configuration file, if any.
    ///   - secretsDirectory: A directory with one file per secret key (`genesys-client-secret`), if any.
    ///   - environment: The environment; `nil` for the process's.
    /// - Returns: The checked configuration.
    /// - Throws: ``ConfigurationError`` naming every wrong key, or the file providers' errors for an
    ///   unreadable file.
    public static func load(
        filePath: String? = nil,
        secretsDirectory: String? = nil,
        environment: [String: String]? = nil
    ) async throws -> AuthBridgeConfiguration {
        let environment = environment ?? ProcessInfo.processInfo.environment
        var providers: [any ConfigProvider] = [
            EnvironmentVariablesProvider(environmentVariables: environment, secretsSpecifier: .dynamic { key, _ in key.hasPrefix("AUTHBRIDGE_") })
                .prefixKeys(with: "authbridge")
        ]
        if let secretsDirectory {
            providers.append(try await DirectoryFilesProvider(directoryPath: FilePath(secretsDirectory)))
        }
        if let filePath {
            providers.append(try await FileProvider<JSONSnapshot>(filePath: FilePath(filePath)))
        }
        return try AuthBridgeConfiguration(reader: ConfigReader(providers: providers))
    }

    /// Reads and checks a configuration.
    /// - Parameter reader: Where the values come from.
    /// - Throws: ``ConfigurationError`` naming every wrong or missing key.
    public init(reader: ConfigReader) throws(ConfigurationError) {
        var read = ConfigurationReading(reader: reader)
        let server = Server(
            host: read.string("server.host") ?? "127.0.0.1",
            port: read.int("server.port", default: 8080, in: 0...65_535),
            allowedOrigins: read.origins("server.allowedOrigins"),
            maximumBodyBytes: read.int("server.maximumBodyBytes", default: 16_384, in: 1_024...(1 << 20)),
            rateLimitPerMinute: read.int("server.rateLimitPerMinute", default: 600, in: 1...1_000_000),
            shutdownDrainSeconds: read.int("server.shutdownDrainSeconds", default: 0, in: 0...300),
            trustedProxyHops: read.int("server.trustedProxyHops", default: 0, in: 0...16),
            metricsPort: read.optionalInt("server.metricsPort", in: 0...65_535),
            idleTimeoutSeconds: read.int("server.idleTimeoutSeconds", default: 75, in: 1...3_600)
        )
        if let metricsPort = server.metricsPort, metricsPort != 0, metricsPort == server.port {
            read.problem("server.metricsPort", "must differ from server.port: it keeps /metrics off the public port")
        }
        let zendesk = read.zendesk()
        let genesys = read.genesys()
        let oidc = read.oidc()
        let sealingKey = read.secret("bridge.sealingKey", minimumBytes: 32)
        let lifetime = read.int("bridge.mappingLifetimeSeconds", default: 86_400, in: 60...(30 * 86_400))
        let redis = read.redis()
        if redis != nil, sealingKey == nil, !read.problems.contains(where: { $0.key == "bridge.sealingKey" }) {
            read.problem("bridge.sealingKey", "is required with redis: every replica must open the session mappings the others store")
        }
        if zendesk.messagingKey == nil, zendesk.chatSharedSecret == nil, zendesk.ssoSharedSecret == nil, !zendesk.acceptsOAuthTokens {
            read.problem("zendesk", "no credential kind is configured: set zendesk.messaging.*, zendesk.chat.sharedSecret, zendesk.sso.sharedSecret or zendesk.oauth.enabled")
        }
        if genesys == nil, oidc == nil {
            read.problem("genesys", "neither Genesys (genesys.*) nor Messenger's provider (oidc.*) is configured: there is no widget to start")
        }
        guard read.problems.isEmpty else { throw ConfigurationError(read.problems) }
        self.init(
            server: server,
            zendesk: zendesk,
            genesys: genesys,
            oidc: oidc,
            sealingKey: sealingKey,
            mappingLifetime: .seconds(lifetime),
            redis: redis
        )
    }
}

/// Reads keys and collects what is wrong with them, so one run names every problem.
struct ConfigurationReading {
    let reader: ConfigReader
    var problems: [ConfigurationError.Problem] = []

    init(reader: ConfigReader) {
        self.reader = reader
    }

    mutating func problem(_ key: String, _ reason: String) {
        self.problems.append(.init(key: key, reason: reason))
    }

    func string(_ key: String) -> String? {
        let value = self.reader.string(forKey: ConfigKey(key), isSecret: false)?.trimmingCharacters(in: .whitespacesAndNewlines)
        return value?.isEmpty == true ? nil : value
    }

    func has(_ key: String) -> Bool { self.string(key) != nil || self.reader.string(forKey: ConfigKey(key), isSecret: true) != nil }

    mutating func int(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>) -> Int {
        self.optionalInt(key, in: range) ?? defaultValue
    }

    /// The whole number at `key`, or `nil` when it is absent or wrong (a wrong one is a problem).
    mutating func optionalInt(_ key: String, in range: ClosedRange<Int>) -> Int? {
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

    mutating func bool(_ key: String) -> Bool {
        self.optionalBool(key) ?? false
    }

    /// A JSON boolean, or `true`/`false`/`yes`/`no`/`1`/`0` as text (environment, files); `nil` when absent.
    mutating func optionalBool(_ key: String) -> Bool? {
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

    func strings(_ key: String) -> [String] {
        let values = self.reader.stringArray(forKey: ConfigKey(key)) ?? self.string(key).map { [$0] } ?? []
        return values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A secret, checked for length; the value is never part of a problem.
    mutating func secret(_ key: String, minimumBytes: Int) -> Secret? {
        guard let value = self.reader.string(forKey: ConfigKey(key), isSecret: true)?.trimmingCharacters(in: .whitespacesAndNewlines),
            !value.isEmpty
        else { return nil }
        guard value.utf8.count >= minimumBytes else {
            self.problem(key, "is \(value.utf8.count) bytes; at least \(minimumBytes) are needed")
            return nil
        }
        return Secret(value)
    }

    mutating func origins(_ key: String) -> [String] {
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
}

extension AuthBridgeConfiguration {
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
