import AuthBridge
import AuthBridgeServer
import Foundation
import Hummingbird
import Logging
import Testing

/// The doctor's discovery check against real servers on loopback: AuthBridge serving the configuration's
/// own provider, nothing at all, another deployment's keys (under other ids, and under the same ids), a
/// server naming another issuer, and a server without the OpenID routes.
@Suite struct OpenIDDiscoveryProbeTests {
    static let checkName = "OpenID provider discovery from the issuer URL"

    /// A Messenger-only deployment (Messaging JWTs in): the doctor runs the OpenID checks alone. Each call
    /// generates new keys.
    static func application(
        issuer: String,
        keyIDs: (String, String) = ("a", "b"),
        environment adjust: (inout [String: String]) -> Void = { _ in }
    ) async throws -> AuthBridgeApplication {
        let configuration: JSONValue = [
            "zendesk": ["messaging": ["keyId": "app_1", "secret": "messaging-secret-0123456789-abcdef-0123456789"]],
            "oidc": [
                "issuer": .string(issuer),
                "client": ["id": "genesys-messenger", "secret": "oidc-client-secret-0123456789-abcdef-0123"],
                "redirectUris": ["https://shop.example.com/chat"],
                "signingKey": .string(try JWTKey.generate(for: .es256, keyID: keyIDs.0).privateKeyPEM()), "signingKeyId": .string(keyIDs.0),
                "nextSigningKey": .string(try JWTKey.generate(for: .es256, keyID: keyIDs.1).privateKeyPEM()), "nextSigningKeyId": .string(keyIDs.1),
                "algorithm": "ES256",
            ],
        ]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("authbridge-discovery-\(UUID().uuidString).json")
        try Data(configuration.serialized.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        var environment: [String: String] = [:]
        adjust(&environment)
        let loaded = try await AuthBridgeConfiguration.load(filePath: file.path, environment: environment)
        return try AuthBridgeApplication(configuration: loaded, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// The doctor's checks for `application`, which is shut down after.
    static func doctor(_ application: AuthBridgeApplication) async -> [DoctorCheck] {
        let checks = await application.doctor()
        await application.shutdown()
        return checks
    }

    /// Serves the deployment `make` builds for a port, runs the doctor of a new configuration whose issuer
    /// is that port, and returns the port and the discovery check's diagnosis, which must exist.
    static func discoveryFailure(
        against make: (Int) async throws -> AuthBridgeApplication
    ) async throws -> (port: Int, diagnosis: Diagnosis) {
        let (port, deployed, running) = try await DiscoveryServers.serveAtFreePort(make)
        let checks = await Self.doctor(try await Self.application(issuer: "http://127.0.0.1:\(port)"))
        try await running.stop()
        await deployed.shutdown()
        let check = try #require(checks.first { $0.name == Self.checkName })
        #expect(!check.passed)
        let diagnosis = try #require(check.diagnosis)
        #expect(diagnosis.step == .oidcDiscovery)
        return (port, diagnosis)
    }

    @Test func passesWhenTheIssuerServesThisConfiguration() async throws {
        let (_, application, running) = try await DiscoveryServers.serveAtFreePort { try await Self.application(issuer: "http://127.0.0.1:\($0)") }
        let checks = await Self.doctor(application)
        try await running.stop()
        let check = try #require(checks.first { $0.name == Self.checkName })
        #expect(check.passed, "\(check.detail)")
        #expect(check.diagnosis == nil)
        #expect(check.detail.contains("names this issuer"))
        #expect(checks.allSatisfy { $0.passed })
    }

    @Test func failsWithADiagnosisWhenNothingAnswersAtTheIssuer() async throws {
        let refusing = try DiscoveryServers.RefusingPort()
        let port = refusing.port
        let checks = await Self.doctor(try await Self.application(issuer: "http://127.0.0.1:\(port)"))
        withExtendedLifetime(refusing) {}
        let check = try #require(checks.first { $0.name == Self.checkName })
        #expect(!check.passed)
        let diagnosis = try #require(check.diagnosis)
        #expect(diagnosis.step == .oidcDiscovery)
        #expect(diagnosis.cause == .identityProviderUnavailable)
        #expect(diagnosis.evidence.operation == "GET http://127.0.0.1:\(port)/.well-known/openid-configuration")
        #expect(diagnosis.explanation.contains("did not answer"))
        #expect(diagnosis.remedy.contains("Discovery URI"))
    }

    @Test func failsWhenTheIssuerURLReachesAnotherDeploymentsKeys() async throws {
        let (port, diagnosis) = try await Self.discoveryFailure {
            try await Self.application(issuer: "http://127.0.0.1:\($0)", keyIDs: ("old-1", "old-2"))
        }
        #expect(diagnosis.cause == .invalidConfiguration)
        #expect(diagnosis.explanation.contains("does not publish this configuration's keys \"a\", \"b\""))
        #expect(diagnosis.evidence.operation == "GET http://127.0.0.1:\(port)/oidc/jwks.json")
    }

    @Test func failsWhenAnotherDeploymentUsesTheSameKeyIDs() async throws {
        // Both deployments name their keys "a" and "b", but the keys differ.
        let (_, diagnosis) = try await Self.discoveryFailure { try await Self.application(issuer: "http://127.0.0.1:\($0)") }
        #expect(diagnosis.cause == .invalidConfiguration)
        #expect(diagnosis.explanation.contains("another key under the same id"))
    }

    @Test func failsWhenDiscoveryNamesAnotherIssuer() async throws {
        // Deployed with a public issuer but reached here through its loopback address.
        let (_, diagnosis) = try await Self.discoveryFailure { _ in try await Self.application(issuer: "https://auth.example.com") }
        #expect(diagnosis.cause == .invalidConfiguration)
        #expect(diagnosis.explanation.contains("names the issuer \"https://auth.example.com\""))
    }

    @Test func failsWhenSomethingElseAnswersAtTheIssuer() async throws {
        // An AuthBridge server without the OpenID routes: 404 at discovery.
        let server = AuthBridgeHTTPServer(
            configuration: .init(port: 0, rateLimit: nil),
            bridge: nil,
            openID: nil,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let running = try await server.start()
        let checks = await Self.doctor(try await Self.application(issuer: "http://127.0.0.1:\(running.port)"))
        try await running.stop()
        let check = try #require(checks.first { $0.name == Self.checkName })
        #expect(!check.passed)
        let diagnosis = try #require(check.diagnosis)
        #expect(diagnosis.step == .oidcDiscovery)
        #expect(diagnosis.cause == .identityProviderUnavailable)
        #expect(diagnosis.evidence.status == 404)
        #expect(check.detail.contains("answered 404"))
    }

    @Test func aHostileJWKSURIIsNeitherFetchedNorPrintedRaw() async throws {
        // A server at the issuer whose discovery names this issuer but a JWKS URL with a terminal escape.
        let running = try await DiscoveryServers.startAtFreePort { port in
            let issuer = "http://127.0.0.1:\(port)"
            return AuthBridgeHTTPServer(
                configuration: .init(port: port, rateLimit: nil),
                logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
            ) { router in
                router.get("/.well-known/openid-configuration") { _, _ in
                    JSONValue.object(["issuer": .string(issuer), "jwks_uri": "http://evil.example/\u{1B}[2J"]).serialized
                }
            }
        }
        let issuer = "http://127.0.0.1:\(running.port)"
        let checks = await Self.doctor(try await Self.application(issuer: issuer))
        try await running.stop()
        let diagnosis = try #require(checks.first { $0.name == Self.checkName }?.diagnosis)
        #expect(diagnosis.cause == .invalidConfiguration)
        #expect(diagnosis.explanation.contains("not an https URL"))
        #expect(!diagnosis.explanation.contains("\u{1B}") && !diagnosis.rendered.contains("\u{1B}"))
        #expect(diagnosis.explanation.contains(#"\u{1b}"#))
    }
}
