import AuthBridgeJWT
import AuthBridgeTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Testing

/// The example shop page in a real browser: headless Chromium runs the page `authbridge emulate` serves
/// (seed `examplePage`), whose AuthProvider plugin is the DocC article's code, against `authbridge serve`
/// and the emulated Genesys, three processes as a team would run them. Sign-in completes, a reload signs
/// in again, sign-out clears, and CORS holds for the allowed origin and fails for another; then
/// `authbridge demo --serve`, the same page in one command, signs in too. Without Chromium the tests are
/// skipped locally and fail under `CI`.
@Suite struct DemoServeBrowserTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The article's plugin code: the one JavaScript block that registers the AuthProvider plugin.
    static func articlePlugin() throws -> String {
        let article = try String(
            contentsOf: Self.root.appendingPathComponent("Sources/AuthBridgeOIDC/Documentation.docc/AuthenticatedMessenger.md"), encoding: .utf8)
        let blocks = article.components(separatedBy: "```javascript\n").dropFirst().compactMap { $0.components(separatedBy: "```").first }
        let plugins = blocks.filter { $0.contains("registerPlugin") }
        try #require(plugins.count == 1, "the article has \(plugins.count) plugin blocks")
        return plugins[0]
    }

    static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test func theExamplePagesPluginIsTheArticlesCodeByteForByte() throws {
        let served = try String(contentsOf: Self.root.appendingPathComponent("Sources/authbridge/Demo/Page/authprovider.js"), encoding: .utf8)
        #expect(served == (try Self.articlePlugin()))
    }

    /// Headless Chromium on `url` with a profile of its own, until the page reports `done` (or 90 s).
    static func browse(_ url: String, chromium: String, until done: @escaping @Sendable () async throws -> Bool) async throws {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("authbridge-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = Self.flags(profile: profile) + [url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(90)
        while Date() < deadline, try await !done() { try await Task.sleep(for: .milliseconds(200)) }
        process.terminate()
        await Self.wait(for: process)
    }

    static func flags(profile: URL) -> [String] {
        // Root in CI: Chromium's sandbox needs a user namespace it may not get.
        [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(profile.path)",
        ]
    }

    /// Waits for `process` to end, for at most `seconds`; then it is killed, so a stuck browser cannot hang
    /// the run.
    static func wait(for process: Process, seconds: Double = 60) async {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { try? await Task.sleep(for: .milliseconds(100)) }
        if process.isRunning {
            process.terminate()
            try? await Task.sleep(for: .seconds(2))
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
    }

    /// Chromium, or under `CI` a failure for its absence; locally the browser tests are skipped without it.
    static func requireChromium() -> String? {
        if let chromium = Self.chromium { return chromium }
        Issue.record("chromium is required under CI (apt-get install -y chromium)")
        return nil
    }

    static var runsBrowser: Bool { Self.chromium != nil || ProcessInfo.processInfo.environment["CI"] != nil }

    /// The first JSON line `child` prints, within a minute (a loaded machine starts a debug binary slowly).
    static func urls(of child: ServeCommandTests.Child) async throws -> [String: String] {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let line = child.text.split(separator: "\n").first(where: { $0.hasPrefix("{") }),
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
            {
                return object
            }
            if !child.process.isRunning { return [:] }  // it failed to start (say, its port was taken)
            try await Task.sleep(for: .milliseconds(50))
        }
        return [:]
    }

    static func freePort() async throws -> Int {
        let socket = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = socket.localAddress?.port ?? 0
        try await socket.close()
        return port
    }

    @Test(.enabled(if: Self.runsBrowser, "needs chromium"))
    func signInReloadAndSignOutInHeadlessChromiumAndCORSHolds() async throws {
        guard let chromium = Self.requireChromium() else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("authbridge-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let messagingSecret = "browser-test-messaging-secret-0123456789abcdef"
        let clientSecret = "browser-test-oidc-client-secret-0123456789abc"
        // A port found free can be taken before a child binds it (other suites start servers too): on a
        // child that never comes up, both start again on new ports.
        var children: (serve: ServeCommandTests.Child, emulate: ServeCommandTests.Child, servePort: Int, pagePort: Int)?
        for _ in 1...3 where children == nil {
            let (servePort, pagePort) = (try await Self.freePort(), try await Self.freePort())
            let authBridge = "http://127.0.0.1:\(servePort)"
            let page = "http://127.0.0.1:\(pagePort)"
            let configuration: JSONValue = [
                "server": ["port": .number(Double(servePort)), "allowedOrigins": .string(page)],
                "zendesk": ["messaging": ["keyId": "app_browser", "secret": .string(messagingSecret)]],
                "oidc": [
                    "issuer": .string(authBridge),
                    "client": ["id": "genesys-messenger", "secret": .string(clientSecret)],
                    "redirectUris": "https://shop.example.com/chat/callback",
                    "signingKey": .string(try JWTKey.generate(for: .rs256, keyID: "browser-1").privateKeyPEM()), "signingKeyId": "browser-1",
                    "nextSigningKey": .string(try JWTKey.generate(for: .rs256, keyID: "browser-2").privateKeyPEM()), "nextSigningKeyId": "browser-2",
                ],
            ]
            let configFile = directory.appendingPathComponent("authbridge.json")
            try Data(configuration.serialized.utf8).write(to: configFile)
            let seed: JSONValue = [
                "genesys": [
                    "openIDIntegrations": [
                        [
                            "id": "oidc-integration", "discoveryURI": .string(authBridge + "/.well-known/openid-configuration"),
                            "clientId": "genesys-messenger", "clientSecret": .string(clientSecret),
                        ]
                    ],
                    "deployments": [["id": "shop-deployment", "allowedDomains": ["127.0.0.1"], "authenticationIntegrationId": "oidc-integration"]],
                ],
                "examplePage": [
                    "authBridge": .string(authBridge), "deploymentId": "shop-deployment",
                    "messaging": [
                        "keyId": "app_browser", "secret": .string(messagingSecret), "externalId": "zd-customer-4711", "name": "Ada King Lovelace",
                        "email": "ada@example.com",
                    ],
                ],
            ]
            let seedFile = directory.appendingPathComponent("seed.json")
            try Data(seed.serialized.utf8).write(to: seedFile)

            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AUTHBRIDGE_") }
            environment["AUTHBRIDGE_SERVER_PORT"] = nil
            let serve = try ServeCommandTests.Child(["serve", "--config", configFile.path], environment: environment)
            let emulate = try ServeCommandTests.Child(
                ["emulate", "--seed", seedFile.path, "--page-port", String(pagePort), "--json"], environment: [:])
            if try await Self.urls(of: emulate)["page"] == page, try await serve.port() == servePort {
                children = (serve, emulate, servePort, pagePort)
            } else {
                _ = await emulate.terminate()
                _ = await serve.terminate()
            }
        }
        let (serve, emulate, servePort, pagePort) = try #require(children, "authbridge serve or emulate did not start three times")
        let authBridge = "http://127.0.0.1:\(servePort)"
        let page = "http://127.0.0.1:\(pagePort)"
        let reports: @Sendable () async throws -> [String] = {
            try await TestHTTP.send(.GET, page + "/site/reports").body.split(separator: "\n").map(String.init)
        }

        // The page serves the article's code.
        #expect(try await TestHTTP.send(.GET, page + "/authprovider.js").body == (try Self.articlePlugin()))

        // Sign in, reload, sign out, reload: each step reported by the page itself.
        try await Self.browse(page + "/?scenario=full", chromium: chromium) { try await reports().contains("full: done") }
        #expect(
            try await reports() == [
                "full: signed in via code as zd-customer-4711",
                "full: signed in again after reload via refresh as zd-customer-4711",
                "full: signed out: stored Messenger tokens cleared",
                "full: after sign-out and reload: not signed in (getAuthCode: Error: not signed in to the shop)",
                "full: done",
            ])
        // AuthBridge saw the code, the token exchange, the refresh and the sign-out.
        let log = serve.text
        for path in ["/authbridge/v1/session", "/oidc/token", "/authbridge/v1/session/end"] { #expect(log.contains(path), "\(path)") }

        // The same page from another origin (localhost is not 127.0.0.1 to a browser): AuthBridge's CORS
        // refuses it, so the plugin's request never completes.
        let otherOrigin = page.replacingOccurrences(of: "127.0.0.1", with: "localhost")
        try await Self.browse(otherOrigin + "/?scenario=cors", chromium: chromium) { try await reports().contains("cors: done") }
        #expect(
            try await reports().filter { $0.hasPrefix("cors:") } == [
                "cors: sign-in failed at cors (getAuthCode: TypeError: Failed to fetch)", "cors: done",
            ])
        // What the browser met, asked directly: the preflight is allowed for the page's origin only.
        func preflight(_ origin: String) async throws -> TestHTTP.Reply {
            try await TestHTTP.send(
                .OPTIONS, authBridge + "/authbridge/v1/session",
                headers: [("Origin", origin), ("Access-Control-Request-Method", "POST"), ("Access-Control-Request-Headers", "content-type")])
        }
        let allowed = try await preflight(page)
        #expect(allowed.status == 204)
        #expect(allowed.headers.first(name: "Access-Control-Allow-Origin") == page)
        #expect(try await preflight(otherOrigin).status == 403)
        #expect(await emulate.terminate() == 0)
        #expect(await serve.terminate() == 0)
    }

    /// `authbridge demo --serve`: the same page with everything in one process; the signed-in page as a
    /// picture (`AUTHBRIDGE_SCREENSHOT` copies it, for the DocC article).
    @Test(.enabled(if: Self.runsBrowser, "needs chromium"))
    func demoServeSignsInAndShowsIt() async throws {
        guard let chromium = Self.requireChromium() else { return }
        let child = try ServeCommandTests.Child(["demo", "--serve", "--json"], environment: [:])
        let page = try #require(try await Self.urls(of: child)["page"], "\(child.text)")
        let reports: @Sendable () async throws -> [String] = {
            try await TestHTTP.send(.GET, page + "/site/reports").body.split(separator: "\n").map(String.init)
        }
        // The signed-in page as a picture (AUTHBRIDGE_SCREENSHOT copies it, for the DocC article).
        let picture = FileManager.default.temporaryDirectory.appendingPathComponent("authbridge-signed-in-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: picture) }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("authbridge-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments =
            Self.flags(profile: profile) + [
                "--window-size=960,640", "--hide-scrollbars", "--virtual-time-budget=10000", "--screenshot=\(picture.path)",
                page + "/?scenario=signin",
            ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        await Self.wait(for: process)
        #expect(try await reports().contains("signin: signed in via code"))
        let png = try Data(contentsOf: picture)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 10_000)
        if let destination = ProcessInfo.processInfo.environment["AUTHBRIDGE_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: destination)
            try FileManager.default.copyItem(at: picture, to: URL(fileURLWithPath: destination))
        }
        #expect(await child.terminate() == 0)
    }
}
