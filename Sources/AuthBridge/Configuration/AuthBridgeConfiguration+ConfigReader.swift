public import Configuration
import Foundation
import SystemPackage

extension AuthBridgeConfiguration {
    /// The keys whose values are secrets: read as secrets, kept as `Secret`, never echoed.
    public static let secretKeys: Set<String> = [
        "zendesk.messaging.secret", "zendesk.chat.sharedSecret", "zendesk.sso.sharedSecret", "zendesk.client.secret",
        "genesys.client.secret", "genesys.dataAction.secret", "oidc.client.secret", "oidc.signingKey", "oidc.nextSigningKey", "bridge.sealingKey",
        "redis.password",
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
        try AuthBridgeConfiguration(reader: await Self.reader(filePath: filePath, secretsDirectory: secretsDirectory, environment: environment))
    }

    /// The reader ``load(filePath:secretsDirectory:environment:)`` reads from, for the components that read
    /// keys of their own (the HTTP front's `server.*`).
    /// - Parameters:
    ///   - filePath: A JSON configuration file, if any.
    ///   - secretsDirectory: A directory with one file per secret key, if any.
    ///   - environment: The environment; `nil` for the process's.
    /// - Throws: The file providers' errors for an unreadable file.
    public static func reader(
        filePath: String? = nil,
        secretsDirectory: String? = nil,
        environment: [String: String]? = nil
    ) async throws -> ConfigReader {
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
        return ConfigReader(providers: providers)
    }

    /// Reads and checks a configuration.
    /// - Parameter reader: Where the values come from.
    /// - Throws: ``ConfigurationError`` naming every wrong or missing key.
    public init(reader: ConfigReader) throws(ConfigurationError) {
        var read = ConfigurationReading(reader: reader)
        let configuration = Self(reading: &read)
        try read.check()
        self = configuration
    }

    /// Reads every section, recording every problem in `read`; the value is only meaningful when none was.
    package init(reading read: inout ConfigurationReading) {
        let zendesk = Zendesk(reading: &read)
        let genesys = Genesys(reading: &read)
        let oidc = OIDC(reading: &read)
        let sealingKey = read.secret("bridge.sealingKey", minimumBytes: 32)
        let lifetime = read.int("bridge.mappingLifetimeSeconds", default: 86_400, in: 60...(30 * 86_400))
        // At least 15 min: Messenger refreshes (and so renews the binding) at most every 15 minutes.
        let bindingLifetime = read.int("bridge.subjectBindingLifetimeSeconds", default: 86_400, in: 900...(30 * 86_400))
        let redis = Redis(reading: &read)
        if redis != nil, sealingKey == nil, !read.hasProblem("bridge.sealingKey") {
            read.problem("bridge.sealingKey", "is required with redis: every replica must open the session mappings the others store")
        }
        if let dataAction = genesys?.dataActionCredential {
            if oidc == nil {
                read.problem(
                    "genesys.dataAction", "needs Messenger's provider (oidc.*): the data action finds the customer by the sub AuthBridge issued")
            } else if dataAction.secret == oidc?.clientSecret {
                read.problem(
                    "genesys.dataAction.secret", "must differ from oidc.client.secret: the integration's credential is not the OpenID client's")
            }
        }
        if genesys == nil, oidc == nil {
            read.problem("genesys", "neither Genesys (genesys.*) nor Messenger's provider (oidc.*) is configured: there is no widget to start")
        }
        self.init(
            zendesk: zendesk,
            genesys: genesys,
            oidc: oidc,
            sealingKey: sealingKey,
            mappingLifetime: .seconds(lifetime),
            redis: redis,
            subjectBindingLifetime: .seconds(bindingLifetime)
        )
    }
}
