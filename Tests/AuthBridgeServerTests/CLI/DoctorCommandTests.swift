import AuthBridge
import AuthBridgeServer
import AuthBridgeTesting
import Foundation
import Hummingbird
import Logging
import Testing

@testable import AuthBridgeTestSupport

/// `authbridge doctor` as an operator runs it, against emulators on loopback.
@Suite struct DoctorCommandTests {
    static func withEmulators(_ body: (ZendeskEmulator, GenesysEmulator, URL) async throws -> Void) async throws {
        let zendesk = try await ZendeskEmulator.start()
        zendesk.addChatClient(ZendeskEmulatorChatClient(identifier: "authbridge", secret: Secret("zendesk-client-secret")))
        let genesys = try await GenesysEmulator.start()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("authbridge-doctor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do {
            try await body(zendesk, genesys, directory)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            await zendesk.stop()
            await genesys.stop()
            throw error
        }
        try? FileManager.default.removeItem(at: directory)
        await zendesk.stop()
        await genesys.stop()
    }

    static func configuration(_ zendesk: ZendeskEmulator, _ genesys: GenesysEmulator, genesysSecret: String, issuer: String = "http://127.0.0.1:9999")
        throws -> JSONValue
    {
        try DeploymentConfiguration.json(
            issuer: issuer, genesysBaseURL: genesys.baseURL, genesysSecret: genesysSecret, dataAction: false,
            zendesk: ["baseURL": .string(zendesk.baseURL), "chat": ["client": ["id": "authbridge", "secret": "zendesk-client-secret"]]])
    }

    @Test func aWorkingConfigurationPassesEveryCheck() async throws {
        try await Self.withEmulators { zendesk, genesys, directory in
            let file = directory.appendingPathComponent("authbridge.json")
            // The deployment itself, serving the same configuration's provider at its issuer.
            let (_, deployed, running) = try await DiscoveryServers.serveAtFreePort { port in
                let configuration = try Self.configuration(zendesk, genesys, genesysSecret: "emulator-secret", issuer: "http://127.0.0.1:\(port)")
                try Data(configuration.serialized.utf8).write(to: file)
                return try AuthBridgeApplication(
                    configuration: try await AuthBridgeConfiguration.load(filePath: file.path, environment: [:]),
                    logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
                )
            }
            let (status, output) = try await DemoCommandTests.run(["doctor", "--config", file.path])
            try await running.stop()
            await deployed.shutdown()
            #expect(status == 0, "\(output)")
            for check in [
                "✓ configuration", "✓ Genesys region", "✓ Genesys client-credentials token", "✓ Genesys External Source for contacts",
                "✓ Zendesk Chat API client token", "✓ OpenID provider for Messenger", "✓ OpenID provider discovery from the issuer URL",
            ] {
                #expect(output.contains(check))
            }
            // Web chat is retired: without genesys.legacyWebChat the doctor does not call signed data.
            #expect(!output.contains("signed data"))
            #expect(genesys.calls.count(matching: EmulatorRoute(nil, "/api/v2/signeddata")) == 0)
            #expect(output.contains("External Source \"Zendesk\" (not there yet: created on first use)"))
            // A check creates nothing in the organization.
            #expect(genesys.externalSourceNames.isEmpty)
            #expect(genesys.calls.count(matching: EmulatorRoute(.post, "/api/v2/externalcontacts/externalsources")) == 0)
            #expect(output.contains("All checks passed."))
        }
    }

    @Test func aWrongGenesysSecretFailsWithADiagnosisAndNoSecret() async throws {
        try await Self.withEmulators { zendesk, genesys, directory in
            let file = directory.appendingPathComponent("authbridge.json")
            try Data(try Self.configuration(zendesk, genesys, genesysSecret: "not-the-emulator-secret").serialized.utf8).write(to: file)
            let (status, output) = try await DemoCommandTests.run(["doctor", "--config", file.path, "--json"])
            #expect(status == 1)
            let report = try #require(try JSONValue(parsing: output.trimmingCharacters(in: .whitespacesAndNewlines)).objectValue)
            #expect(report["passed"] == .bool(false))
            let checks = report["checks"]?.arrayValue ?? []
            let token = try #require(checks.first { $0.objectValue?["check"]?.stringValue == "Genesys client-credentials token" }?.objectValue)
            #expect(token["passed"] == .bool(false))
            #expect(token["diagnosis"]?.objectValue?["cause"]?.stringValue == "clientCredentialsRejected")
            #expect(!output.contains("not-the-emulator-secret"))
        }
    }

    /// A Support OAuth client configured where the Chat API client belongs: the Chat token endpoint does
    /// not know it, and the diagnosis says so instead of blaming the secret.
    @Test func aSupportClientConfiguredForChatIsNamed() async throws {
        try await Self.withEmulators { zendesk, genesys, directory in
            zendesk.addOAuthClient(ZendeskEmulatorOAuthClient(identifier: "support-client", secret: Secret("support-secret-value")))
            var configuration = try Self.configuration(zendesk, genesys, genesysSecret: "emulator-secret")
            guard case .object(var root) = configuration, case .object(var section)? = root["zendesk"] else { return }
            section["chat"] = ["client": ["id": "support-client", "secret": "support-secret-value"]]
            root["zendesk"] = .object(section)
            configuration = .object(root)
            let file = directory.appendingPathComponent("authbridge.json")
            try Data(configuration.serialized.utf8).write(to: file)
            let (status, output) = try await DemoCommandTests.run(["doctor", "--config", file.path, "--json"])
            #expect(status == 1)
            let report = try #require(try JSONValue(parsing: output.trimmingCharacters(in: .whitespacesAndNewlines)).objectValue)
            let checks = report["checks"]?.arrayValue ?? []
            let chat = try #require(checks.first { $0.objectValue?["check"]?.stringValue == "Zendesk Chat API client token" }?.objectValue)
            #expect(chat["passed"] == .bool(false))
            #expect(chat["diagnosis"]?.objectValue?["cause"]?.stringValue == "wrongZendeskAPI")
            #expect(chat["diagnosis"]?.objectValue?["remedy"]?.stringValue?.contains("zendesk.chat.client.id") == true)
            #expect(!output.contains("support-secret-value"))
        }
    }

    @Test func aBrokenConfigurationNamesTheKeys() async throws {
        try await Self.withEmulators { _, _, directory in
            let file = directory.appendingPathComponent("authbridge.json")
            try Data(#"{"server": {"port": 70000}, "genesys": {"region": "mars_1", "client": {"id": "x"}}}"#.utf8).write(to: file)
            let (status, output) = try await DemoCommandTests.run(["doctor", "--config", file.path])
            #expect(status == 1)
            for key in ["- server.port:", "- genesys.region:", "- genesys.client.secret:", "- zendesk: no credential kind"] {
                #expect(output.contains(key))
            }
        }
    }

    /// The Web Messaging checks: the deployment and its identity resolution, and the data action route
    /// called with its credential at the issuer URL, passing and then failing for the reason named.
    @Test func theMessagingDeploymentAndTheDataActionAreChecked() async throws {
        try await Self.withEmulators { zendesk, genesys, directory in
            _ = genesys.seedContact(type: "Curated", externalID: "zd-seed", sourceName: "Zendesk", lastName: "Seed")
            genesys.deploy(GenesysEmulator.MessengerDeployment(id: "dep-1", allowedDomains: ["shop.example.com"]))
            genesys.deploy(GenesysEmulator.MessengerDeployment(id: "dep-2", status: .inactive, identityResolutionSourceName: nil))
            let file = directory.appendingPathComponent("authbridge.json")
            func write(deployment: String, secret: String, port: Int) throws {
                var configuration = try Self.configuration(zendesk, genesys, genesysSecret: "emulator-secret", issuer: "http://127.0.0.1:\(port)")
                guard case .object(var root) = configuration, case .object(var genesysSection)? = root["genesys"] else { return }
                genesysSection["dataAction"] = ["userName": "genesys-data-actions", "secret": .string(secret)]
                genesysSection["messenger"] = ["deploymentId": .string(deployment)]
                root["genesys"] = .object(genesysSection)
                configuration = .object(root)
                try Data(configuration.serialized.utf8).write(to: file)
            }
            var port = 0
            let (_, deployed, running) = try await DiscoveryServers.serveAtFreePort { chosen in
                port = chosen
                try write(deployment: "dep-1", secret: "data-action-secret-0123456789", port: chosen)
                return try AuthBridgeApplication(
                    configuration: try await AuthBridgeConfiguration.load(filePath: file.path, environment: [:]),
                    logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
                )
            }
            let (status, output) = try await DemoCommandTests.run(["doctor", "--config", file.path])
            #expect(status == 0, "\(output)")
            #expect(output.contains("✓ Messenger deployment and identity resolution"))
            #expect(output.contains("✓ Messaging-context data action"))
            // The deployment reads follow Genesys's definitions, request and answer.
            let contract = try GenesysContract.load()
            for call in genesys.calls.all where call.path.hasPrefix("/api/v2/webdeployments/deployments/") {
                let problems = contract.problems(of: call, legacy: false)
                #expect(problems.isEmpty, "\(call.path): \(problems)")
            }
            // The probe wrote nothing in Genesys.
            #expect(genesys.calls.count(matching: EmulatorRoute(.patch, "/api/v2/conversations/messages/**")) == 0)

            // Another credential than the server's, and an inactive deployment without resolution.
            try write(deployment: "dep-2", secret: "another-secret-0123456789abc", port: port)
            let (failed, problems) = try await DemoCommandTests.run(["doctor", "--config", file.path])
            try await running.stop()
            await deployed.shutdown()
            #expect(failed != 0)
            #expect(problems.contains("✗ Messenger deployment and identity resolution"), "\(problems)")
            #expect(problems.contains("Inactive"))
            #expect(problems.contains("identity resolution is off"))
            #expect(problems.contains("✗ Messaging-context data action"))
            #expect(problems.contains("refused the configured credential (401)"))
            #expect(!problems.contains("another-secret-0123456789abc"))
        }
    }
}
