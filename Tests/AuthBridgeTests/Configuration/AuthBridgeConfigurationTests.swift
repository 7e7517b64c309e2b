import AuthBridge
import AuthBridgeRedis
import Foundation
import Testing

@Suite struct AuthBridgeConfigurationTests {
    static let rsaPEM: String = (try? JWTKey.generate(for: .rs256, keyID: "k").privateKeyPEM()) ?? ""
    static let rsaNextPEM: String = (try? JWTKey.generate(for: .rs256, keyID: "k2").privateKeyPEM()) ?? ""

    static var valid: [String: String] {
        [
            "AUTHBRIDGE_SERVER_PORT": "9090",
            "AUTHBRIDGE_SERVER_ALLOWED_ORIGINS": "https://shop.example.com, http://localhost:3000",
            "AUTHBRIDGE_ZENDESK_SUBDOMAIN": "acme",
            "AUTHBRIDGE_ZENDESK_MESSAGING_KEY_ID": "app_123",
            "AUTHBRIDGE_ZENDESK_MESSAGING_SECRET": "messaging-secret-0123456789-abcdef-0123456789",
            "AUTHBRIDGE_ZENDESK_OAUTH_ENABLED": "true",
            "AUTHBRIDGE_GENESYS_REGION": "eu_west_1",
            "AUTHBRIDGE_GENESYS_CLIENT_ID": "genesys-client",
            "AUTHBRIDGE_GENESYS_CLIENT_SECRET": "genesys-secret-value",
            "AUTHBRIDGE_GENESYS_LEGACY_WEB_CHAT": "true",
            "AUTHBRIDGE_GENESYS_GUEST_CHAT_ORGANIZATION_ID": "org-1",
            "AUTHBRIDGE_GENESYS_GUEST_CHAT_DEPLOYMENT_ID": "dep-1",
            "AUTHBRIDGE_GENESYS_GUEST_CHAT_QUEUE": "Support",
            "AUTHBRIDGE_OIDC_ISSUER": "https://auth.shop.example.com",
            "AUTHBRIDGE_OIDC_CLIENT_ID": "genesys-messenger",
            "AUTHBRIDGE_OIDC_CLIENT_SECRET": "oidc-client-secret-0123456789-abcdef-0123",
            "AUTHBRIDGE_OIDC_REDIRECT_URIS": "https://shop.example.com/chat",
            "AUTHBRIDGE_OIDC_SIGNING_KEY": Self.rsaPEM,
            "AUTHBRIDGE_OIDC_SIGNING_KEY_ID": "2026-11",
            "AUTHBRIDGE_OIDC_NEXT_SIGNING_KEY": Self.rsaNextPEM,
            "AUTHBRIDGE_OIDC_NEXT_SIGNING_KEY_ID": "2026-12",
        ]
    }

    @Test func readsEverySectionFromTheEnvironment() async throws {
        let configuration = try await AuthBridgeConfiguration.load(environment: Self.valid)
        #expect(configuration.zendesk.messagingKey?.keyID == "app_123")
        #expect(configuration.zendesk.acceptsOAuthTokens)
        #expect(configuration.genesys?.region.name == "eu_west_1")
        #expect(configuration.genesys?.guestChat?.routingTarget.queueName == "Support")
        #expect(configuration.genesys?.guestChat?.requiresMemberAuthentication == true)
        #expect(configuration.oidc?.signingKey.id == "2026-11")
        #expect(configuration.mappingLifetime == .seconds(86_400))
        #expect(configuration.redis == nil)
    }

    @Test func guestChatNeedsTheLegacySwitchAndContactsHaveTheirSource() async throws {
        var retired = Self.valid
        retired["AUTHBRIDGE_GENESYS_LEGACY_WEB_CHAT"] = nil
        do {
            _ = try await AuthBridgeConfiguration.load(environment: retired)
            Issue.record("guest chat without genesys.legacyWebChat must be refused")
        } catch let error as ConfigurationError {
            let problem = try #require(error.problems.first { $0.key == "genesys.guestChat" })
            #expect(problem.reason.contains("genesys.legacyWebChat"))
        }
        retired["AUTHBRIDGE_GENESYS_GUEST_CHAT_ORGANIZATION_ID"] = nil
        retired["AUTHBRIDGE_GENESYS_GUEST_CHAT_DEPLOYMENT_ID"] = nil
        retired["AUTHBRIDGE_GENESYS_GUEST_CHAT_QUEUE"] = nil
        retired["AUTHBRIDGE_GENESYS_GUEST_CHAT_REQUIRES_MEMBER_AUTHENTICATION"] = nil
        let messengerOnly = try await AuthBridgeConfiguration.load(environment: retired)
        #expect(messengerOnly.genesys?.legacyWebChat == false)
        #expect(messengerOnly.genesys?.client.externalSourceName == "Zendesk")
        #expect(messengerOnly.genesys?.client.noteAuthorUserID == nil)

        var named = Self.valid
        named["AUTHBRIDGE_GENESYS_EXTERNAL_SOURCE_NAME"] = "Zendesk EU"
        named["AUTHBRIDGE_GENESYS_NOTES_CREATED_BY_USER_ID"] = "user-7"
        let configured = try await AuthBridgeConfiguration.load(environment: named)
        #expect(configured.genesys?.legacyWebChat == true)
        #expect(configured.genesys?.client.externalSourceName == "Zendesk EU")
        #expect(configured.genesys?.client.noteAuthorUserID == "user-7")
        named["AUTHBRIDGE_GENESYS_EXTERNAL_SOURCE_NAME"] = String(repeating: "s", count: 201)
        await #expect(throws: ConfigurationError.self) { try await AuthBridgeConfiguration.load(environment: named) }
    }

    @Test func urlsMustBeHTTPSOrLoopbackHTTP() {
        #expect(ConfigurationReading.urlProblem("https://auth.example.com/oidc/jwks.json") == nil)
        #expect(ConfigurationReading.urlProblem("http://127.0.0.1:8080/oidc/jwks.json") == nil)
        #expect(ConfigurationReading.urlProblem("http://localhost/x") == nil)
        #expect(ConfigurationReading.urlProblem("http://auth.example.com/oidc/jwks.json") != nil)
        #expect(ConfigurationReading.urlProblem("http+unix://%2Ftmp%2Fsocket/jwks") != nil)
        #expect(ConfigurationReading.urlProblem("file:///etc/passwd") != nil)
        #expect(ConfigurationReading.urlProblem("/oidc/jwks.json") != nil)
    }

    @Test func redisClusterIsFoundThroughItsHostAndSeeds() async throws {
        var environment = Self.valid
        environment["AUTHBRIDGE_BRIDGE_SEALING_KEY"] = "replicas-share-this-sealing-key-0123456789"
        environment["AUTHBRIDGE_REDIS_HOST"] = "127.0.0.1"
        environment["AUTHBRIDGE_REDIS_PORT"] = "7000"
        environment["AUTHBRIDGE_REDIS_CLUSTER"] = "true"
        environment["AUTHBRIDGE_REDIS_CLUSTER_SEEDS"] = "127.0.0.1:7001, [::1]:7002"
        let configuration = try await AuthBridgeConfiguration.load(environment: environment)
        let cluster = try #require(configuration.redis?.client.cluster)
        #expect(cluster.seeds == [RedisEndpoint(host: "127.0.0.1", port: 7001), RedisEndpoint(host: "::1", port: 7002)])

        // Database 1, a seed that is not host:port, seeds off loopback without TLS, seeds without a cluster.
        environment["AUTHBRIDGE_REDIS_DATABASE"] = "1"
        environment["AUTHBRIDGE_REDIS_CLUSTER_SEEDS"] = "redis-2.internal:7001, nonsense"
        await #expect {
            _ = try await AuthBridgeConfiguration.load(environment: environment)
        } throws: { error in
            let keys = Set((error as? ConfigurationError)?.problems.map(\.key) ?? [])
            return keys == ["redis.database", "redis.clusterSeeds", "redis.tls"]
        }
        environment["AUTHBRIDGE_REDIS_DATABASE"] = nil
        environment["AUTHBRIDGE_REDIS_CLUSTER_SEEDS"] = nil
        // A brace in the prefix would become every key's hash tag.
        environment["AUTHBRIDGE_REDIS_KEY_PREFIX"] = "app{x}:"
        await #expect {
            _ = try await AuthBridgeConfiguration.load(environment: environment)
        } throws: { error in
            (error as? ConfigurationError)?.problems.map(\.key) == ["redis.keyPrefix"]
        }
        environment["AUTHBRIDGE_REDIS_KEY_PREFIX"] = nil
        environment["AUTHBRIDGE_REDIS_CLUSTER"] = nil
        environment["AUTHBRIDGE_REDIS_CLUSTER_SEEDS"] = "127.0.0.1:7001"
        await #expect {
            _ = try await AuthBridgeConfiguration.load(environment: environment)
        } throws: { error in
            (error as? ConfigurationError)?.problems.map(\.key) == ["redis.clusterSeeds"]
        }
    }

    @Test func theDataActionDeadlineIsReadWithinItsRange() async throws {
        var environment = Self.valid
        #expect(try await AuthBridgeConfiguration.load(environment: environment).genesys?.dataActionDeadline == .seconds(7))
        environment["AUTHBRIDGE_GENESYS_DATA_ACTION_DEADLINE_SECONDS"] = "5"
        #expect(try await AuthBridgeConfiguration.load(environment: environment).genesys?.dataActionDeadline == .seconds(5))
        for outOfRange in ["2", "60", "soon"] {
            environment["AUTHBRIDGE_GENESYS_DATA_ACTION_DEADLINE_SECONDS"] = outOfRange
            await #expect {
                _ = try await AuthBridgeConfiguration.load(environment: environment)
            } throws: { error in
                (error as? ConfigurationError)?.problems.map(\.key) == ["genesys.dataAction.deadlineSeconds"]
            }
        }
    }

    @Test func namesEveryWrongKeyAndWhyWithoutRepeatingSecrets() async throws {
        var environment = Self.valid
        environment["AUTHBRIDGE_ZENDESK_MESSAGING_SECRET"] = "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5hJ7k"  // an API token's shape
        environment["AUTHBRIDGE_GENESYS_REGION"] = "us-east-9"
        environment["AUTHBRIDGE_GENESYS_CLIENT_SECRET"] = nil
        environment["AUTHBRIDGE_OIDC_ISSUER"] = "http://auth.shop.example.com"
        environment["AUTHBRIDGE_OIDC_SIGNING_KEY"] = "not a pem"
        environment["AUTHBRIDGE_OIDC_CLIENT_SECRET"] = "too-short-secret-value"
        do {
            _ = try await AuthBridgeConfiguration.load(environment: environment)
            Issue.record("a broken configuration loaded")
        } catch let error as ConfigurationError {
            let keys = Set(error.problems.map(\.key))
            #expect(
                keys.isSuperset(of: [
                    "zendesk.messaging.secret", "genesys.region", "genesys.client.secret",
                    "oidc.issuer", "oidc.signingKey",
                ])
            )
            let text = error.description
            #expect(text.contains("API token"))
            #expect(text.contains("https"))
            #expect(!text.contains("aB3dE5gH7jK9"))
            #expect(keys.contains("oidc.client.secret"))
            #expect(!text.contains("too-short-secret-value"))
            #expect(!text.contains("not a pem"))
        }
    }

    @Test func aJSONFileAndASecretsDirectoryFillWhatTheEnvironmentLeavesOut() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("authbridge-config-\(UUID().uuidString)")
        let secrets = directory.appendingPathComponent("secrets")
        try FileManager.default.createDirectory(at: secrets, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = #"""
            {"server": {"port": 7070, "allowedOrigins": ["https://shop.example.com"]},
             "zendesk": {"subdomain": "acme", "sso": {"sharedSecret": "ignored-because-the-file-wins"}},
             "genesys": {"region": "mypurecloud.com", "client": {"id": "from-json"}}}
            """#
        let file = directory.appendingPathComponent("authbridge.json")
        try Data(json.utf8).write(to: file)
        try Data("genesys-secret-from-a-mounted-file\n".utf8).write(to: secrets.appendingPathComponent("genesys-client-secret"))
        try Data("sso-shared-secret-from-a-file-0123".utf8).write(to: secrets.appendingPathComponent("zendesk-sso-sharedSecret"))
        let configuration = try await AuthBridgeConfiguration.load(
            filePath: file.path,
            secretsDirectory: secrets.path,
            environment: ["AUTHBRIDGE_GENESYS_CLIENT_ID": "from-the-environment"]
        )
        #expect(configuration.genesys?.credentials.client.id == "from-the-environment")  // the environment wins
        #expect(configuration.genesys?.region.name == "us_east_1")
        #expect(configuration.genesys?.credentials.clientSecret == Secret("genesys-secret-from-a-mounted-file"))
        #expect(configuration.zendesk.ssoSharedSecret == Secret("sso-shared-secret-from-a-file-0123"))
    }

    @Test func aJSONBooleanFalseIsRead() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("authbridge-bool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("authbridge.json")
        let json = #"""
            {"zendesk": {"chat": {"sharedSecret": "chat-shared-secret-0123456789"}},
             "genesys": {"region": "us_east_1", "client": {"id": "x", "secret": "secret-value"},
                         "legacyWebChat": true,
                         "guestChat": {"organizationId": "o", "deploymentId": "d", "queue": "q", "requiresMemberAuthentication": false}}}
            """#
        try Data(json.utf8).write(to: file)
        let configuration = try await AuthBridgeConfiguration.load(filePath: file.path, environment: [:])
        #expect(configuration.genesys?.guestChat?.requiresMemberAuthentication == false)
    }

    @Test func nothingToStartIsAProblem() async throws {
        await #expect(throws: ConfigurationError.self) {
            try await AuthBridgeConfiguration.load(environment: ["AUTHBRIDGE_ZENDESK_SUBDOMAIN": "acme"])
        }
    }

    /// The data action's credential: both parts, its own secret, and Messenger's provider beside it.
    @Test func theDataActionCredentialIsCheckedAgainstTheOpenIDClients() async throws {
        var environment = Self.valid
        environment["AUTHBRIDGE_GENESYS_DATA_ACTION_USER_NAME"] = "genesys-data-actions"
        environment["AUTHBRIDGE_GENESYS_DATA_ACTION_SECRET"] = "data-action-secret-0123456789"
        environment["AUTHBRIDGE_BRIDGE_SUBJECT_BINDING_LIFETIME_SECONDS"] = "3600"
        let configured = try await AuthBridgeConfiguration.load(environment: environment)
        #expect(configured.genesys?.dataActionCredential?.userName == "genesys-data-actions")
        #expect(configured.genesys?.dataActionCredential?.secret == Secret("data-action-secret-0123456789"))
        #expect(configured.subjectBindingLifetime == .seconds(3600))

        for (change, key) in [
            (["AUTHBRIDGE_GENESYS_DATA_ACTION_SECRET": "short"], "genesys.dataAction.secret"),
            (["AUTHBRIDGE_GENESYS_DATA_ACTION_SECRET": nil], "genesys.dataAction"),
            (["AUTHBRIDGE_GENESYS_DATA_ACTION_SECRET": environment["AUTHBRIDGE_OIDC_CLIENT_SECRET"]], "genesys.dataAction.secret"),
            (["AUTHBRIDGE_GENESYS_DATA_ACTION_USER_NAME": "with:colon"], "genesys.dataAction.userName"),
            (["AUTHBRIDGE_OIDC_ISSUER": nil], "genesys.dataAction"),
        ] as [([String: String?], String)] {
            var broken = environment
            for (name, value) in change { broken[name] = value }
            await #expect {
                _ = try await AuthBridgeConfiguration.load(environment: broken)
            } throws: { error in
                (error as? ConfigurationError)?.problems.contains { $0.key == key } == true
            }
        }
        #expect(AuthBridgeConfiguration.secretKeys.contains("genesys.dataAction.secret"))
    }
}
