import AuthBridge
import Foundation
import Testing

/// `authbridge demo` as a user runs it: a subprocess that must exit 0 and print every flow.
@Suite struct DemoCommandTests {
    /// The built `authbridge` next to this test bundle (`swift build --build-tests` builds both).
    static var executable: URL? {
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("authbridge")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    /// Runs the executable and waits on a Dispatch thread: blocking a cooperative thread would starve
    /// the emulators this process serves to the child.
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        struct NotBuilt: Error {}
        guard let executable = Self.executable else { throw NotBuilt() }
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = executable
                process.arguments = arguments
                let pipe = Pipe()
                process.standardOutput = pipe
                process.standardError = pipe
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: error)
                    return
                }
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: (process.terminationStatus, String(decoding: data, as: UTF8.self)))
            }
        }
    }

    @Test func demoRunsTheMessengerFlowsAndExitsZero() async throws {
        let (status, output) = try await Self.run(["demo"])
        #expect(status == 0, "\(output)")
        for flow in ["Flow 1: Messenger", "Flow 2: Messenger", "Flow 3: the guest chat widget, retired", "Three deliberate failures"] {
            #expect(output.contains(flow))
        }
        #expect(!output.contains("Legacy flow"))
        #expect(!output.contains("✗"))
        #expect(output.contains("All flows behaved as expected."))
        #expect(output.contains("External Source: Zendesk"))
        // Flow 1 goes past sign-in: the first message runs the shipped data action, the agent sees the context.
        #expect(output.contains("AuthBridge.status=written"))
        #expect(output.contains("zendeskExternalId=zd-customer-4711"))
        #expect(output.contains("notes the agent reads: 2"))
        // Flow 2's Messaging conversation, found from the external id: an activity line, a form response, an attachment.
        #expect(output.contains("(the Zendesk ticket was closed)"))
        #expect(output.contains("Order number: 42"))
        #expect(output.contains("[attachment receipt.pdf, application/pdf, 48213 bytes, needs Zendesk access]"))
        #expect(!output.contains("demo-data-action-secret"))
        #expect(output.contains("cause: retiredAPI"))
        #expect(output.contains("cause: expiredToken"))
        #expect(output.contains("rate limited (429)"))
        // Secrets are shown by shape only.
        #expect(!output.contains("demo-messaging-signing-secret"))
        #expect(output.contains("<redacted"))
    }

    @Test func demoWithLegacyWebChatRunsTheRetiredFlowsToo() async throws {
        let (status, output) = try await Self.run(["demo", "--legacy-web-chat"])
        #expect(status == 0, "\(output)")
        for flow in [
            "Flow 1: Messenger", "Flow 2: Messenger", "Legacy flow: guest chat API", "Legacy flow: Web Chat", "Legacy flow: guest chat with",
            "Three deliberate failures",
        ] {
            #expect(output.contains(flow))
        }
        #expect(!output.contains("✗"))
        #expect(output.contains("All flows behaved as expected."))
        #expect(output.contains("cause: rateLimited"))
        // Secrets are shown by shape only.
        #expect(!output.contains("demo-messaging-signing-secret"))
        #expect(output.contains("<redacted"))
    }

    /// A secret scan over everything AuthBridge logged at trace level across every flow and failure:
    /// no JWT (every credential, code-bearing token and Genesys JWT here is one or is random), and none of
    /// the demo's configured secrets.
    @Test func theLogsOfEveryFlowHoldNoSecret() async throws {
        let (status, output) = try await Self.run(["demo", "--logs"])
        #expect(status == 0)
        let logs = try #require(output.range(of: "== AuthBridge's log").map { String(output[$0.upperBound...]) })
        #expect(logs.contains("widget start refused"))
        #expect(logs.split(separator: "\n").count > 5)
        #expect(!logs.contains("eyJ"))
        // AsyncHTTPClient logs response bodies (hex) at trace level; a token response is a secret.
        #expect(!logs.contains("http-part=body"))
        #expect(!logs.contains("226163636573735f746f6b656e22"))  // "access_token" in hex
        for secret in [
            "demo-messaging-signing-secret", "demo-chat-visitor-shared-secret", "demo-sso-shared-secret", "demo-zendesk-oauth-access-token",
            "demo-messenger-client-secret", "demo-zendesk-client-secret", "emulator-secret",
        ] {
            #expect(!logs.contains(secret))
        }
    }

    @Test func demoJSONIsOneObjectPerLine() async throws {
        let (status, output) = try await Self.run(["demo", "--json"])
        #expect(status == 0)
        let lines = output.split(separator: "\n")
        #expect(lines.count > 10)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            #expect(object is [String: Any])
        }
    }

    @Test func jwtDecodeShowsClaimsButNotTheSignature() async throws {
        // A fixed HS256 token from RFC 7519 §3.1's example claims.
        let token =
            "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        let (status, output) = try await Self.run(["jwt", "decode", token])
        #expect(status == 0)
        #expect(output.contains(#""iss":"joe""#))
        #expect(output.contains("exp: 2011-03-22"))
        #expect(!output.contains("dBjftJeZ4CVP"))
    }

    @Test func keysGenerateJWKSAndJWTVerifyWorkTogether() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("authbridge-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pem = directory.appendingPathComponent("current.pem").path
        let (status, jwk) = try await Self.run(["keys", "generate", "--algorithm", "ES256", "--key-id", "2026-11", "--output", pem])
        #expect(status == 0)
        #expect(jwk.contains(#""kid":"2026-11""#))
        #expect(!jwk.contains(#""d":"#))  // the private part never reaches the terminal
        let attributes = try FileManager.default.attributesOfItem(atPath: pem)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        let (jwksStatus, jwks) = try await Self.run(["keys", "jwks", "2026-11=ES256:\(pem)"])
        #expect(jwksStatus == 0)
        let set = try JWKSet(json: jwks.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(set.keys.count == 1)

        // A token signed with the generated key verifies against its JWKS, and a tampered one does not.
        let key = try JWTKey(pem: try String(contentsOfFile: pem, encoding: .utf8), algorithm: .es256, keyID: "2026-11")
        let token = try JWTSigner(key: key).sign(["sub": "s", "exp": .number(Date().timeIntervalSince1970 + 600)])
        let jwksFile = directory.appendingPathComponent("jwks.json")
        try Data(jwks.utf8).write(to: jwksFile)
        let (valid, validOutput) = try await Self.run(["jwt", "verify", token, "--jwks", jwksFile.path])
        #expect(valid == 0, "\(validOutput)")
        #expect(validOutput.contains("valid: ES256 kid=2026-11"))
        var tampered = Array(token.utf8)
        tampered[tampered.count - 3] = tampered[tampered.count - 3] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let tamperedToken = String(decoding: tampered, as: UTF8.self)
        let (invalid, invalidOutput) = try await Self.run(["jwt", "verify", tamperedToken, "--jwks", jwksFile.path])
        #expect(invalid == 1)
        #expect(invalidOutput.contains("invalid: Zendesk validation failed: signature mismatch"), "\(invalidOutput)")
        #expect(invalidOutput.contains("Remedy:"))
        #expect(!invalidOutput.contains(tamperedToken) && !invalidOutput.contains(String(tamperedToken.split(separator: ".")[2])))

        // An expired token, machine-readable: the diagnosis says by how much, and never holds the token.
        let expired = try JWTSigner(key: key).sign(["sub": "s", "exp": .number(Date().timeIntervalSince1970 - 600)])
        let (expiredStatus, expiredOutput) = try await Self.run(["jwt", "verify", expired, "--jwks", jwksFile.path, "--json"])
        #expect(expiredStatus == 1)
        let report = try #require(try JSONValue(parsing: expiredOutput.trimmingCharacters(in: .whitespacesAndNewlines)).objectValue)
        #expect(report["valid"] == .bool(false))
        #expect(report["diagnosis"]?.objectValue?["cause"]?.stringValue == "expiredToken")
        #expect(!expiredOutput.contains(expired))
        let (_, validJSON) = try await Self.run(["jwt", "verify", token, "--jwks", jwksFile.path, "--json"])
        let accepted = try #require(try JSONValue(parsing: validJSON.trimmingCharacters(in: .whitespacesAndNewlines)).objectValue)
        #expect(accepted["valid"] == .bool(true) && accepted["kid"] == .string("2026-11") && accepted["sub"] == .string("s"))
    }

    /// `jwt verify --as KIND --config FILE`: the configured validator's verdict, or its diagnosis naming
    /// the switch (a Messaging JWT without exp), never the secret.
    @Test func jwtVerifyAsTheBridgeWould() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("authbridge-verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let secret = "messaging-secret-0123456789-abcdef-0123456789"
        let file = directory.appendingPathComponent("authbridge.json")
        func write(requireExpiry: Bool) throws {
            let configuration: JSONValue = [
                "zendesk": [
                    "subdomain": "acme", "messaging": ["keyId": "app_1", "secret": .string(secret), "requireExpiry": .bool(requireExpiry)],
                    "sso": ["sharedSecret": "sso-shared-secret-0123456789abcdef0123456789ab"],
                ]
            ]
            try Data(configuration.serialized.utf8).write(to: file)
        }
        try write(requireExpiry: true)
        let key = try JWTKey.hmac(secret: Array(secret.utf8), keyID: "app_1")
        let now = Date().timeIntervalSince1970.rounded(.down)
        let withoutExp = try JWTSigner(key: key).sign(["scope": "user", "external_id": 4711, "iat": .number(now)])
        let (refused, refusedOutput) = try await Self.run(["jwt", "verify", withoutExp, "--as", "messaging", "--config", file.path, "--json"])
        #expect(refused == 1)
        let report = try #require(try JSONValue(parsing: refusedOutput.trimmingCharacters(in: .whitespacesAndNewlines)).objectValue)
        #expect(report["diagnosis"]?.objectValue?["remedy"]?.stringValue?.contains("zendesk.messaging.requireExpiry") == true)
        #expect(!refusedOutput.contains(secret))

        // The switch turned off, as Zendesk may: accepted, the numeric external_id as the subject.
        try write(requireExpiry: false)
        let (accepted, acceptedOutput) = try await Self.run(["jwt", "verify", withoutExp, "--as", "messaging", "--config", file.path])
        #expect(accepted == 0, "\(acceptedOutput)")
        #expect(acceptedOutput.contains("valid messaging: subject=4711"))

        // An SSO JWT without name: Zendesk requires it, and so does the check.
        let sso = try JWTSigner(key: JWTKey.hmac(secret: Array("sso-shared-secret-0123456789abcdef0123456789ab".utf8)))
            .sign(["iat": .number(now), "jti": "j-1", "email": "ada@example.com"])
        let (noName, noNameOutput) = try await Self.run(["jwt", "verify", sso, "--as", "sso", "--config", file.path])
        #expect(noName == 1)
        #expect(noNameOutput.contains("name"))
        let (missing, _) = try await Self.run(["jwt", "verify", sso, "--as", "chat-visitor", "--config", file.path])
        #expect(missing != 0)
    }
}
