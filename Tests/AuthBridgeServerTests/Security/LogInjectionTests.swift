import AuthBridge
import AuthBridgeJWT
import AuthBridgeServer
import AuthBridgeTestSupport
import AuthBridgeTesting
import Foundation
import InMemoryLogging
import Logging
import NIOHTTP1
import Testing

/// Every string an attacker chooses that can reach a log line, sent with line breaks, terminal escapes
/// and bulk through the whole front of a deployment built from its configuration: the path, the query,
/// `X-Request-Id`, `X-Forwarded-For`, `Origin`, the page's body and credential (a JWT header's `kid`, its
/// claims, an OAuth token), the token endpoint's form (parameter names and values, the client id) and
/// Basic credentials, the userinfo bearer token, the data action's credential and body. No logged
/// message or metadata value may hold a control character or run past its cap, and no attacker marker
/// may appear raw.
@Suite struct LogInjectionTests {
    static let marker = "INJECTED"
    /// Each hostile string: a forged line, a terminal escape, bulk.
    static let hostile = "x\r\n2026-12-05T00:00:00Z critical \(marker) forged line\u{1B}[2J\u{7}" + String(repeating: "A", count: 5_000)

    @Test func noAttackerStringReachesALogUnescaped() async throws {
        var handler = InMemoryLogHandler()
        handler.logLevel = .trace
        let logs = handler
        let logger = Logger(label: "log-injection", factory: { _ in logs })
        let genesys = try await GenesysEmulator.start()
        let loaded = try await DeploymentConfiguration.load(
            try DeploymentConfiguration.json(
                issuer: "http://127.0.0.1:1", genesysBaseURL: genesys.baseURL,
                zendesk: ["oauth": ["enabled": true], "baseURL": .string(genesys.baseURL)]))
        let application = try AuthBridgeApplication(configuration: loaded, logger: logger)
        let front = AuthBridgeHTTPServer.Configuration(
            port: 0, cors: CORSPolicy(allowedOrigins: ["https://shop.example.com"]), rateLimit: nil,
            clientAddress: .forwardedFor(trustedProxyHops: 1), accessLogLevel: .info)
        let running = try await AuthBridgeServerRunner(application: application, configuration: front, logger: logger).start()
        let port = running.port
        let hostile = Self.hostile
        let escapedPath = "/authbridge/v1/session%0D%0A\(Self.marker)%1B%5B2J" + String(repeating: "B", count: 2_000)

        // Raw requests: header values with an escape and bulk, a path with encoded line breaks.
        func raw(_ method: String, _ target: String, headers: [String] = [], body: String = "") async throws {
            let head = (["\(method) \(target) HTTP/1.1", "Host: 127.0.0.1", "Connection: close", "Content-Length: \(body.utf8.count)"] + headers)
                .joined(separator: "\r\n")
            _ = try await ClientFaultTests.exchange(port: port, head + "\r\n\r\n" + body, limit: .seconds(1))
        }
        let escapeInHeader = "abc\u{1B}[31m\(Self.marker)" + String(repeating: "C", count: 3_000)
        try await raw("GET", escapedPath + "?q=" + escapedPath)
        try await raw(
            "GET", "/healthz", headers: ["X-Request-Id: \(escapeInHeader)", "X-Forwarded-For: \(escapeInHeader)", "Origin: \(escapeInHeader)"])
        try await raw(
            "OPTIONS", "/authbridge/v1/session", headers: ["Origin: https://\(Self.marker)\u{1B}.example", "Access-Control-Request-Method: POST"])

        // The page's body: every member hostile, and credentials whose parts are.
        let base = "http://127.0.0.1:\(port)"
        let jwtHeader = JSONValue.object(["alg": "HS256", "kid": .string(hostile)]).serialized
        let forgedJWT =
            [jwtHeader, JSONValue.object(["sub": .string(hostile), "external_id": .string(hostile)]).serialized]
            .map { Data($0.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "") }.joined(separator: ".") + ".c2ln"
        let bodies: [JSONValue] = [
            [
                "credential": .string(forgedJWT), "credentialKind": "messagingJWT", "widget": "messenger",
                "messenger": ["clientId": .string(hostile), "redirectUri": .string(hostile), "nonce": .string(hostile)],
                "history": ["zendeskChatId": .string(hostile)],
            ],
            [
                "credential": .string(hostile), "credentialKind": "oauthToken", "widget": "messenger",
                "messenger": ["clientId": "genesys-messenger", "redirectUri": "https://shop.example.com/chat"],
            ],
            ["credential": .string(hostile), "credentialKind": .string(hostile), "widget": .string(hostile)],
        ]
        for body in bodies {
            _ = try await TestHTTP.send(.POST, base + "/authbridge/v1/session", headers: [("Content-Type", "application/json")], body: .json(body))
            _ = try await TestHTTP.send(
                .POST, base + "/authbridge/v1/session/end", headers: [("Content-Type", "application/json")], body: .json(body))
        }
        _ = try await TestHTTP.send(.POST, base + "/authbridge/v1/session", headers: [("Content-Type", "application/json")], body: .text(hostile))

        // The token endpoint: names and values of the form, Basic credentials, the client id.
        let basic = "Basic " + Data("\(hostile):\(hostile)".utf8).base64EncodedString()
        _ = try await TestHTTP.send(
            .POST, base + "/oidc/token", headers: [("Authorization", basic)],
            body: .form([("grant_type", hostile), ("code", hostile), (hostile, "1"), (hostile, "2"), ("client_id", hostile)]))
        _ = try await TestHTTP.send(
            .POST, base + "/oidc/token",
            body: .form([
                ("grant_type", "authorization_code"), ("code", hostile), ("client_id", "genesys-messenger"),
                ("client_secret", "oidc-client-secret-0123456789-abcdef-0123"), ("redirect_uri", hostile), ("code_verifier", hostile),
            ]))
        _ = try await TestHTTP.send(.GET, base + "/oidc/userinfo", headers: [("Authorization", "Bearer " + forgedJWT)])

        // The data action: a wrong credential, then the right one with a hostile body.
        let action = base + "/authbridge/v1/genesys/messaging-context"
        _ = try await TestHTTP.send(.POST, action, headers: [("Authorization", basic)], body: .json(["conversationId": .string(hostile)]))
        let right = "Basic " + Data("genesys-data-actions:\(DeploymentConfiguration.dataActionSecret)".utf8).base64EncodedString()
        for body: JSONValue in [
            ["conversationId": .string(hostile), "sub": .string(hostile), "isAuthenticated": true],
            ["conversationId": "c-1", "sub": .string(hostile), "isAuthenticated": true, "participantId": .string(hostile)],
            ["conversationId": "c-1", "sub": .string(String(hostile.prefix(200))), "isAuthenticated": true],
        ] {
            _ = try await TestHTTP.send(.POST, action, headers: [("Authorization", right), ("Content-Type", "application/json")], body: .json(body))
        }

        try await running.stop()
        await application.shutdown()
        await genesys.stop()

        let entries = logs.entries
        #expect(entries.count > 20, "the requests above were logged")
        func check(_ text: String, _ place: String) {
            #expect(
                !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) },
                "\(place): \(text.prefix(200))")
            #expect(text.utf8.count <= 2_048, "\(place) is \(text.utf8.count) bytes")
        }
        func flatten(_ value: Logger.MetadataValue) -> [String] {
            switch value {
            case .string(let text): [text]
            case .stringConvertible(let value): [value.description]
            case .array(let values): values.flatMap(flatten)
            case .dictionary(let values): values.flatMap { [$0.key] + flatten($0.value) }
            }
        }
        for entry in entries {
            check(entry.message.description, "message")
            for (key, value) in entry.metadata {
                check(key, "key")
                for text in flatten(value) { check(text, "\(entry.message) \(key)") }
            }
        }
        // The marker is never there next to a forged line: wherever it is logged, it is escaped.
        let everything = entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
        #expect(!everything.contains("critical \(Self.marker)"))
        #expect(!everything.contains("\u{1B}"))
        // Not vacuous: the hostile strings did reach the logs, escaped (the path, the form's names).
        #expect(everything.contains(Self.marker))
    }
}
