import AuthBridge
import AuthBridgeServer
import Foundation
import Glibc
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

    /// Serves the application `make` builds for a port, on that port. The issuer names the port, so the
    /// port is chosen first; a port another test took in between is tried again with another one.
    static func serveAtFreePort(
        _ make: (Int) async throws -> AuthBridgeApplication
    ) async throws -> (port: Int, application: AuthBridgeApplication, running: AuthBridgeHTTPServer.Running) {
        var attempt = 0
        while true {
            attempt += 1
            let port = try await Self.freePort()
            let application = try await make(port)
            do {
                return (port, application, try await Self.serve(application, port: port))
            } catch where attempt < 5 {
                await application.shutdown()
            }
        }
    }

    /// A port that was free a moment ago: bound by the kernel's choice, then closed.
    static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(channel.localAddress?.port)
        try await channel.close()
        return port
    }

    /// A loopback port held by a socket that is bound but never listens, so connecting is refused and no
    /// other test can take the port while it is held.
    final class RefusingPort {
        let port: Int
        private let socket: Int32

        init() throws {
            struct SocketFailed: Error {}
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard socket >= 0 else { throw SocketFailed() }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                    Glibc.bind(socket, generic, length) == 0 && getsockname(socket, generic, &length) == 0
                }
            }
            guard bound else {
                close(socket)
                throw SocketFailed()
            }
            self.socket = socket
            self.port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit { close(self.socket) }
    }

    static func discoveryCheck(_ application: AuthBridgeApplication) async throws -> DoctorCheck {
        let checks = await application.doctor()
        await application.shutdown()
        return try #require(checks.first { $0.name == Self.checkName })
    }

    @Test func passesWhenTheIssuerServesThisConfiguration() async throws {
        let (_, application, running) = try await Self.serveAtFreePort { try await Self.application(issuer: "http://127.0.0.1:\($0)") }
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
        let refusing = try RefusingPort()
        let port = refusing.port
        let check = try await Self.discoveryCheck(try await Self.application(issuer: "http://127.0.0.1:\(port)"))
        #expect(!check.passed)
        let diagnosis = try #require(check.diagnosis)
        #expect(diagnosis.step == .oidcDiscovery)
        #expect(diagnosis.cause == .identityProviderUnavailable)
        #expect(diagnosis.evidence.operation == "GET http://127.0.0.1:\(port)/.well-known/openid-configuration")
        #expect(diagnosis.explanation.contains("did not answer"))
        #expect(diagnosis.remedy.contains("Discovery URI"))
        withExtendedLifetime(refusing) {}
    }

    @Test func failsWhenTheIssuerURLReachesAnotherDeploymentsKeys() async throws {
        let (port, deployed, running) = try await Self.serveAtFreePort {
            try await Self.application(issuer: "http://127.0.0.1:\($0)", keyIDs: ("old-1", "old-2"))
        }
        let issuer = "http://127.0.0.1:\(port)"
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
        // Deployed with a public issuer but reached here through its loopback address.
        let (port, deployed, running) = try await Self.serveAtFreePort { _ in try await Self.application(issuer: "https://auth.example.com") }
        let check = try await Self.discoveryCheck(try await Self.application(issuer: "http://127.0.0.1:\(port)"))
        try await running.stop()
        await deployed.shutdown()
        let diagnosis = try #require(check.diagnosis)
        #expect(!check.passed)
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
        let port = running.port
        let check = try await Self.discoveryCheck(try await Self.application(issuer: "http://127.0.0.1:\(port)"))
        try await running.stop()
        let diagnosis = try #require(check.diagnosis)
        #expect(diagnosis.cause == .identityProviderUnavailable)
        #expect(diagnosis.evidence.status == 404)
        #expect(check.detail.contains("answered 404"))
    }
}
