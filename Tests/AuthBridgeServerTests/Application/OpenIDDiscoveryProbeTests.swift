import AuthBridge
import AuthBridgeServer
import Foundation
import Logging
import NIOCore
import NIOPosix
import Testing

/// The doctor's discovery check against real servers on loopback: AuthBridge serving the configuration's
/// own provider, nothing at all, another deployment's keys, and a server naming another issuer.
@Suite struct OpenIDDiscoveryProbeTests {
    static let checkName = "OpenID provider discovery from the issuer URL"

    /// A Messenger-only deployment (Messaging JWTs in): the doctor runs the OpenID checks alone.
    static func application(issuer: String, keyIDs: (String, String) = ("a", "b")) async throws -> AuthBridgeApplication {
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
        let loaded = try await AuthBridgeConfiguration.load(filePath: file.path, environment: [:])
        return try AuthBridgeApplication(configuration: loaded, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// Serves `application`'s OpenID routes on `port`.
    static func serve(_ application: AuthBridgeApplication, port: Int) async throws -> AuthBridgeHTTPServer.Running {
        let provider = try #require(application.provider)
        let server = AuthBridgeHTTPServer(
            configuration: .init(port: port, rateLimit: nil),
            bridge: nil,
            openID: OpenIDRoutes(provider: provider),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        return try await server.start()
    }

    /// A port nothing listens on: bound once by the kernel's choice, then closed.
    static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(channel.localAddress?.port)
        try await channel.close()
        return port
    }

    static func discoveryCheck(_ application: AuthBridgeApplication) async throws -> DoctorCheck {
        let checks = await application.doctor()
        await application.shutdown()
        return try #require(checks.first { $0.name == Self.checkName })
    }

    @Test func passesWhenTheIssuerServesThisConfiguration() async throws {
        let port = try await Self.freePort()
        let application = try await Self.application(issuer: "http://127.0.0.1:\(port)")
        let running = try await Self.serve(application, port: port)
        let checks = await application.doctor()
        try await running.stop()
        await application.shutdown()
        let check = try #require(checks.first { $0.name == Self.checkName })
        #expect(check.passed, "\(check.detail)")
        #expect(check.diagnosis == nil)
        #expect(check.detail.contains("names this issuer") && check.detail.contains("\"a\", \"b\""))
        #expect(checks.allSatisfy { $0.passed })
    }

    @Test func failsWithADiagnosisWhenNothingAnswersAtTheIssuer() async throws {
        let port = try await Self.freePort()
        let check = try await Self.discoveryCheck(try await Self.application(issuer: "http://127.0.0.1:\(port)"))
        #expect(!check.passed)
        let diagnosis = try #require(check.diagnosis)
        #expect(diagnosis.step == .oidcDiscovery)
        #expect(diagnosis.cause == .identityProviderUnavailable)
        #expect(diagnosis.evidence.operation == "GET http://127.0.0.1:\(port)/.well-known/openid-configuration")
        #expect(diagnosis.explanation.contains("did not answer"))
        #expect(diagnosis.remedy.contains("Discovery URI"))
    }

    @Test func failsWhenTheIssuerURLReachesAnotherDeploymentsKeys() async throws {
        let port = try await Self.freePort()
        let issuer = "http://127.0.0.1:\(port)"
        let deployed = try await Self.application(issuer: issuer, keyIDs: ("old-1", "old-2"))
        let running = try await Self.serve(deployed, port: port)
        let check = try await Self.discoveryCheck(try await Self.application(issuer: issuer))
        try await running.stop()
        await deployed.shutdown()
        #expect(!check.passed)
        let diagnosis = try #require(check.diagnosis)
        #expect(diagnosis.cause == .invalidConfiguration)
        #expect(diagnosis.explanation.contains("lacks the key ids \"a\", \"b\""))
        #expect(diagnosis.evidence.operation == "GET \(issuer)/oidc/jwks.json")
    }

    @Test func failsWhenDiscoveryNamesAnotherIssuer() async throws {
        let port = try await Self.freePort()
        // Deployed with a public issuer but reached here through its loopback address.
        let deployed = try await Self.application(issuer: "https://auth.example.com")
        let running = try await Self.serve(deployed, port: port)
        let check = try await Self.discoveryCheck(try await Self.application(issuer: "http://127.0.0.1:\(port)"))
        try await running.stop()
        await deployed.shutdown()
        let diagnosis = try #require(check.diagnosis)
        #expect(!check.passed)
        #expect(diagnosis.cause == .invalidConfiguration)
        #expect(diagnosis.explanation.contains("names the issuer \"https://auth.example.com\""))
    }

    @Test func failsWhenSomethingElseAnswersAtTheIssuer() async throws {
        let port = try await Self.freePort()
        // An AuthBridge server without the OpenID routes: 404 at discovery.
        let server = AuthBridgeHTTPServer(
            configuration: .init(port: port, rateLimit: nil),
            bridge: nil,
            openID: nil,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let running = try await server.start()
        let check = try await Self.discoveryCheck(try await Self.application(issuer: "http://127.0.0.1:\(port)"))
        try await running.stop()
        let diagnosis = try #require(check.diagnosis)
        #expect(diagnosis.cause == .identityProviderUnavailable)
        #expect(diagnosis.evidence.status == 404)
        #expect(check.detail.contains("answered 404"))
    }
}
