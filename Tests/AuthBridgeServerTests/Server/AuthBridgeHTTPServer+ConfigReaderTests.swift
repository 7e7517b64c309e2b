import AuthBridge
import Configuration
import Foundation
import Logging
import Testing

@testable import AuthBridgeServer

/// The front reads its own `server.*` keys; with the bridge's, one reader names every problem of both.
@Suite struct AuthBridgeHTTPServerConfigReaderTests {
    static func reader(_ environment: [String: String]) async throws -> ConfigReader {
        try await AuthBridgeConfiguration.reader(environment: environment)
    }

    @Test func readsTheDefaultsAndEveryKey() async throws {
        let defaults = try AuthBridgeHTTPServer.Configuration(reader: try await Self.reader([:]))
        #expect(defaults.host == "127.0.0.1")
        #expect(defaults.port == 8080)
        #expect(defaults.cors.allowedOrigins.isEmpty)
        #expect(defaults.maximumRequestBodySize == 16_384)
        #expect(defaults.clientAddress == .peer)
        #expect(defaults.shutdownDrainPeriod == .zero)
        #expect(defaults.idleTimeout == .seconds(75))
        #expect(defaults.metricsPort == nil)
        #expect(defaults.rateLimit?.requestsPerSecond == 10)
        #expect(defaults.rateLimit?.burst == 100)
        #expect(defaults.accessLogLevel == .info)
        #expect(defaults.servesOpenAPIDocument)

        let read = try AuthBridgeHTTPServer.Configuration(
            reader: try await Self.reader([
                "AUTHBRIDGE_SERVER_HOST": "0.0.0.0",
                "AUTHBRIDGE_SERVER_PORT": "9090",
                "AUTHBRIDGE_SERVER_ALLOWED_ORIGINS": "https://Shop.example.com, http://localhost:3000",
                "AUTHBRIDGE_SERVER_MAXIMUM_BODY_BYTES": "4096",
                "AUTHBRIDGE_SERVER_RATE_LIMIT_PER_MINUTE": "120",
                "AUTHBRIDGE_SERVER_TRUSTED_PROXY_HOPS": "2",
                "AUTHBRIDGE_SERVER_SHUTDOWN_DRAIN_SECONDS": "8",
                "AUTHBRIDGE_SERVER_IDLE_TIMEOUT_SECONDS": "620",
                "AUTHBRIDGE_SERVER_METRICS_PORT": "9100",
                "AUTHBRIDGE_SERVER_ACCESS_LOG_LEVEL": "debug",
                "AUTHBRIDGE_SERVER_OPENAPI_DOCUMENT": "false",
            ])
        )
        #expect(read.host == "0.0.0.0")
        #expect(read.port == 9090)
        #expect(read.cors.allowedOrigins == ["https://shop.example.com", "http://localhost:3000"])
        #expect(read.maximumRequestBodySize == 4096)
        #expect(read.rateLimit?.requestsPerSecond == 2)
        #expect(read.rateLimit?.burst == 20)
        #expect(read.clientAddress == .forwardedFor(trustedProxyHops: 2))
        #expect(read.shutdownDrainPeriod == .seconds(8))
        #expect(read.idleTimeout == .seconds(620))
        #expect(read.metricsPort == 9100)
        #expect(read.accessLogLevel == .debug)
        #expect(!read.servesOpenAPIDocument)
    }

    /// A bad value (out of range, or the metrics port equal to `server.port`) is a problem named by its key.
    @Test(arguments: [
        ("AUTHBRIDGE_SERVER_SHUTDOWN_DRAIN_SECONDS", "3600", "server.shutdownDrainSeconds"),
        ("AUTHBRIDGE_SERVER_TRUSTED_PROXY_HOPS", "99", "server.trustedProxyHops"),
        ("AUTHBRIDGE_SERVER_METRICS_PORT", "8080", "server.metricsPort"),
        ("AUTHBRIDGE_SERVER_IDLE_TIMEOUT_SECONDS", "0", "server.idleTimeoutSeconds"),
        ("AUTHBRIDGE_SERVER_PORT", "eighty", "server.port"),
        ("AUTHBRIDGE_SERVER_ALLOWED_ORIGINS", "*", "server.allowedOrigins"),
        ("AUTHBRIDGE_SERVER_ACCESS_LOG_LEVEL", "critical", "server.accessLogLevel"),
        ("AUTHBRIDGE_SERVER_ACCESS_LOG_LEVEL", "loud", "server.accessLogLevel"),
    ])
    func aBadValueIsNamedByItsKey(variable: String, bad: String, key: String) async throws {
        let reader = try await Self.reader([variable: bad])
        #expect {
            _ = try AuthBridgeHTTPServer.Configuration(reader: reader)
        } throws: { error in
            (error as? ConfigurationError)?.problems.contains { $0.key == key } == true
        }
    }

    @Test func oneReaderNamesTheProblemsOfTheBridgeAndTheFrontTogether() async throws {
        let reader = try await Self.reader([
            "AUTHBRIDGE_SERVER_PORT": "eighty",
            "AUTHBRIDGE_ZENDESK_SUBDOMAIN": "acme",
            "AUTHBRIDGE_GENESYS_REGION": "us-east-9",
        ])
        do {
            _ = try AuthBridgeServerRunner.configurations(from: reader)
            Issue.record("a broken configuration loaded")
        } catch {
            let keys = Set(error.problems.map(\.key))
            #expect(keys.isSuperset(of: ["server.port", "zendesk", "genesys.region", "genesys.client.id"]))
        }
    }

    /// Every key a component reads is in the README's configuration table: a new option is documented
    /// where a newcomer looks, or this fails.
    @Test func everyKeyReadIsInTheREADME() async throws {
        let reader = try await Self.reader([
            "AUTHBRIDGE_ZENDESK_SUBDOMAIN": "acme", "AUTHBRIDGE_ZENDESK_MESSAGING_KEY_ID": "app_1",
            "AUTHBRIDGE_ZENDESK_MESSAGING_SECRET": "messaging-secret-0123456789-abcdef-0123456789",
            "AUTHBRIDGE_ZENDESK_OAUTH_ENABLED": "true", "AUTHBRIDGE_ZENDESK_CLIENT_ID": "support",
            "AUTHBRIDGE_ZENDESK_CHAT_CLIENT_ID": "chat",
            "AUTHBRIDGE_GENESYS_REGION": "us_east_1", "AUTHBRIDGE_GENESYS_CLIENT_ID": "g",
            "AUTHBRIDGE_GENESYS_GUEST_CHAT_QUEUE": "q", "AUTHBRIDGE_GENESYS_GUEST_CHAT_ORGANIZATION_ID": "o",
            "AUTHBRIDGE_GENESYS_GUEST_CHAT_DEPLOYMENT_ID": "d",
            "AUTHBRIDGE_OIDC_ISSUER": "https://auth.example.com", "AUTHBRIDGE_OIDC_SIGNING_KEY": "x",
            "AUTHBRIDGE_OIDC_NEXT_SIGNING_KEY": "y", "AUTHBRIDGE_REDIS_HOST": "127.0.0.1",
        ])
        var read = ConfigurationReading(reader: reader)
        _ = AuthBridgeConfiguration(reading: &read)
        _ = AuthBridgeHTTPServer.Configuration(reading: &read)
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        #expect(read.keysRead.count > 40)
        for key in read.keysRead.sorted() {
            let listed = text.contains("`\(key)`")
            #expect(listed, "README.md does not list \(key)")
        }
        for key in AuthBridgeConfiguration.secretKeys {
            #expect(read.keysRead.contains(key), "\(key) is listed as a secret but never read")
        }
    }
}
