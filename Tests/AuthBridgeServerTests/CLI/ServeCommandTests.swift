import AsyncHTTPClient
import AuthBridge
import AuthBridgeTestSupport
import AuthBridgeTesting
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import Testing

/// `authbridge serve` as a deployment runs it: a subprocess on a free port, probed over HTTP, stopped with
/// SIGTERM.
@Suite struct ServeCommandTests {
    /// A child process whose output is collected on a Dispatch thread.
    final class Child: Sendable {
        let process: Process
        private let output = Mutex("")

        init(_ arguments: [String], environment: [String: String]) throws {
            struct NotBuilt: Error {}
            guard let executable = DemoCommandTests.executable else { throw NotBuilt() }
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.environment = environment
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            self.process = process
            try process.run()
            let handle = pipe.fileHandleForReading
            DispatchQueue.global().async { [self] in
                while true {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    self.output.withLock { $0 += String(decoding: data, as: UTF8.self) }
                }
            }
        }

        var text: String { self.output.withLock { $0 } }

        /// The port from Hummingbird's "listening" line.
        func port(within seconds: Double = 20) async throws -> Int? {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if let range = self.text.range(of: #"listening on 127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                    return Int(self.text[range].split(separator: ":").last ?? "")
                }
                if !self.process.isRunning { return nil }
                try await Task.sleep(for: .milliseconds(50))
            }
            return nil
        }

        func terminate() async -> Int32 {
            self.process.terminate()  // SIGTERM
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                DispatchQueue.global().async {
                    self.process.waitUntilExit()
                    continuation.resume()
                }
            }
            return self.process.terminationStatus
        }
    }

    @Test func servesProbesAndTheBridgeThenStopsOnSIGTERM() async throws {
        let genesys = try await GenesysEmulator.start(.init(requiresMemberAuthentication: false, legacyWebChat: true))
        let chatSecret = "chat-visitor-shared-secret-0123456789abcdef012"
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AUTHBRIDGE_") }
        environment.merge(
            [
                "AUTHBRIDGE_SERVER_PORT": "0",
                "AUTHBRIDGE_SERVER_ALLOWED_ORIGINS": "https://shop.example.com",
                "AUTHBRIDGE_ZENDESK_CHAT_SHARED_SECRET": chatSecret,
                "AUTHBRIDGE_GENESYS_BASE_URL": genesys.baseURL,
                "AUTHBRIDGE_GENESYS_CLIENT_ID": "emulator-client",
                "AUTHBRIDGE_GENESYS_CLIENT_SECRET": "emulator-secret",
                "AUTHBRIDGE_GENESYS_LEGACY_WEB_CHAT": "true",
                "AUTHBRIDGE_GENESYS_GUEST_CHAT_ORGANIZATION_ID": "emulated-org",
                "AUTHBRIDGE_GENESYS_GUEST_CHAT_DEPLOYMENT_ID": "emulated-deployment",
                "AUTHBRIDGE_GENESYS_GUEST_CHAT_QUEUE": "Support",
                "AUTHBRIDGE_GENESYS_GUEST_CHAT_REQUIRES_MEMBER_AUTHENTICATION": "false",
                // One proxy in front: the client is what it appended to X-Forwarded-For.
                "AUTHBRIDGE_SERVER_TRUSTED_PROXY_HOPS": "1",
            ],
            uniquingKeysWith: { $1 }
        )
        let child = try Child(["serve"], environment: environment)
        let port = try await child.port()
        guard let port else {
            _ = await child.terminate()
            await genesys.stop()
            Issue.record("the server never said where it listens: \(child.text)")
            return
        }
        let base = "http://127.0.0.1:\(port)"
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        func send(_ method: HTTPMethod, _ path: String, body: String? = nil) async throws -> (Int, String) {
            var headers = [("Origin", "https://shop.example.com"), ("X-Forwarded-For", "203.0.113.9, 198.51.100.23")]
            if body != nil { headers.append(("Content-Type", "application/json")) }
            let reply = try await TestHTTP.send(
                method, base + path, headers: headers, body: body.map { .text($0) }, client: client, timeout: .seconds(5))
            return (reply.status, reply.body)
        }
        #expect(try await send(.GET, "/healthz").0 == 200)
        var ready = 503
        for _ in 0..<100 where ready != 200 {
            ready = try await send(.GET, "/readyz").0
            if ready != 200 { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(ready == 200)
        #expect(genesys.tokensIssued == 1)

        let key = try JWTKey.hmac(secret: Array(chatSecret.utf8))
        let now = JWTClock.system.now.rounded(.down)
        let credential = try JWTSigner(key: key).sign(["external_id": "visitor-1", "name": "Ada", "iat": .number(now), "exp": .number(now + 600)])
        let (status, body) = try await send(
            .POST,
            "/authbridge/v1/session",
            body: JSONValue.object(["credential": .string(credential), "credentialKind": "chatVisitorJWT", "widget": "guestChat"]).serialized
        )
        #expect(status == 200, "\(body)")
        #expect(body.contains("conversationId"))
        #expect(try await send(.GET, "/metrics").1.contains("authbridge_http_requests_total"))

        try await client.shutdown()
        #expect(await child.terminate() == 0)
        // The access log went to standard output; it never holds the credential.
        #expect(!child.text.contains(credential))
        #expect(!child.text.contains("emulator-secret"))
        // server.trustedProxyHops reached the front: the access log names the proxy's client, not the peer.
        #expect(child.text.contains("198.51.100.23"))
        #expect(!child.text.contains("203.0.113.9"))
        await genesys.stop()
    }
}
