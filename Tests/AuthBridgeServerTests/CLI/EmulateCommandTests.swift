import AsyncHTTPClient
import AuthBridgeJWT
import AuthBridgeTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// `authbridge emulate` as a load team runs it: a process seeded from a file, its URLs on one JSON line,
/// faults armed and calls read through the control API, stopped with SIGTERM.
@Suite struct EmulateCommandTests {
    @Test func aSeededEmulatorAnswersAndItsControlAPIArmsFaultsAndListsCalls() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("authbridge-emulate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let seed = directory.appendingPathComponent("seed.json")
        try Data(
            #"""
            {"genesys": {"clients": [{"id": "load-client", "secret": "load-secret", "tokenLifetimeSeconds": 600}]},
             "zendesk": {"tokens": [{"value": "zd-token", "scopes": ["read"], "userId": 42}]},
             "faults": [{"emulator": "genesys", "method": "POST", "path": "/oauth/token", "status": 503, "count": 1}]}
            """#.utf8
        ).write(to: seed)
        let child = try ServeCommandTests.Child(["emulate", "--seed", seed.path, "--json"], environment: [:])
        var urls: [String: String] = [:]
        // Generous: a loaded 2-core machine can take long to start a debug binary.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, urls.isEmpty {
            if let line = child.text.split(separator: "\n").first(where: { $0.hasPrefix("{") }),
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
            {
                urls = object
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let genesys = try #require(urls["genesys"], "\(child.text)")
        let zendesk = try #require(urls["zendesk"])
        let control = try #require(urls["control"])

        func send(_ method: HTTPMethod, _ url: String, body: String? = nil, basic: String? = nil) async throws -> (Int, String) {
            var headers: [(String, String)] = []
            if let basic { headers.append(("Authorization", "Basic " + Data(basic.utf8).base64EncodedString())) }
            if body != nil {
                headers.append(
                    ("Content-Type", method == .POST && url.hasSuffix("/oauth/token") ? "application/x-www-form-urlencoded" : "application/json"))
            }
            let reply = try await TestHTTP.send(method, url, headers: headers, body: body.map { .text($0) }, client: .shared, timeout: .seconds(5))
            return (reply.status, reply.body)
        }
        // The seeded fault answers first, then the seeded client gets its token.
        #expect(try await send(.POST, genesys + "/oauth/token", body: "grant_type=client_credentials", basic: "load-client:load-secret").0 == 503)
        let granted = try await send(.POST, genesys + "/oauth/token", body: "grant_type=client_credentials", basic: "load-client:load-secret")
        #expect(granted.0 == 200)
        // With the seeded lifetime (Genesys allows 300–172800 s per client).
        #expect(granted.1.contains(#""expires_in":600"#), "\(granted.1)")
        // The seeded Zendesk token is known.
        let current = try await TestHTTP.send(
            .GET, zendesk + "/api/v2/oauth/tokens/current.json", headers: [("Authorization", "Bearer zd-token")], client: .shared,
            timeout: .seconds(5))
        #expect(current.status == 200)

        // A fault armed over the control API, and the calls listed without headers or bodies.
        let armed = try await send(
            .POST, control + "/faults", body: #"{"emulator": "zendesk", "path": "/api/v2/oauth/tokens/current.json", "status": 429, "retryAfter": 3}"#
        )
        #expect(armed.0 == 201)
        #expect(try await send(.GET, zendesk + "/api/v2/oauth/tokens/current.json").0 == 429)
        let (status, calls) = try await send(.GET, control + "/calls?emulator=genesys")
        #expect(status == 200)
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(calls.utf8)) as? [String: Any])
        let entries = try #require(listed["calls"] as? [[String: Any]])
        #expect(entries.compactMap { $0["status"] as? Int } == [503, 200])
        #expect(!calls.contains("load-secret") && !calls.contains("Basic"))
        #expect(try await send(.POST, control + "/faults", body: #"{"emulator": "nowhere"}"#).0 == 400)
        #expect(try await send(.POST, control + "/faults", body: #"{"emulator":"genesys","path":"/x","status":500,"count":1e300}"#).0 == 400)
        let zendeskCalls = try await send(.GET, control + "/calls?emulator=zendesk")
        #expect(zendeskCalls.0 == 200 && zendeskCalls.1.contains("current.json"))
        #expect(try await send(.GET, control + "/calls?emulator=Zendesk").0 == 400)
        // A browser's form post (no preflight) cannot arm faults.
        let plain = try await TestHTTP.send(
            .POST, control + "/faults", headers: [("Content-Type", "text/plain")], body: .text(#"{"emulator":"genesys","path":"/x","drop":true}"#),
            client: .shared, timeout: .seconds(5))
        #expect(plain.status == 415)
        #expect(try await send(.DELETE, control + "/calls").0 == 204)

        // A load tool opens a web messaging conversation as the customer's first message does; Genesys's
        // API then answers it (here unauthenticated: the emulator's own check of a service token).
        let opened = try await TestHTTP.send(
            .POST, control + "/messaging-conversations", headers: [("Content-Type", "application/json")],
            body: .text(#"{"sub":"customer-42","name":"Ada"}"#), client: .shared, timeout: .seconds(5))
        #expect(opened.status == 201)
        let conversationID = try #require(opened.json?["conversationId"]?.stringValue)
        #expect(opened.json?["participantId"]?.stringValue?.isEmpty == false)
        let token = try await send(.POST, genesys + "/oauth/token", body: "grant_type=client_credentials", basic: "load-client:load-secret")
        let accessToken = try #require((try? JSONValue(parsing: token.1))?.objectValue?["access_token"]?.stringValue, "\(token)")
        func read(_ id: String) async throws -> TestHTTP.Reply {
            try await TestHTTP.send(
                .GET, genesys + "/api/v2/conversations/messages/\(id)", headers: [("Authorization", "Bearer \(accessToken)")], client: .shared,
                timeout: .seconds(5))
        }
        let fetched = try await read(conversationID)
        #expect(fetched.status == 200, "\(fetched.body)")
        #expect(fetched.body.contains("customer-42"))
        #expect(try await read("no-such-conversation").status == 404)
        let anonymous = try await TestHTTP.send(
            .POST, control + "/messaging-conversations", headers: [("Content-Type", "application/json")], body: .text(#"{"name":"x"}"#),
            client: .shared, timeout: .seconds(5))
        #expect(anonymous.status == 400)

        #expect(await child.terminate() == 0)
    }

    @Test func aTokenLifetimeGenesysWouldRefuseIsRefusedByName() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("authbridge-emulate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let seed = directory.appendingPathComponent("seed.json")
        try Data(#"{"genesys": {"clients": [{"id": "c", "secret": "s", "tokenLifetimeSeconds": 60}]}}"#.utf8).write(to: seed)
        let child = try ServeCommandTests.Child(["emulate", "--seed", seed.path, "--json"], environment: [:])
        let deadline = Date().addingTimeInterval(60)
        while child.process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!child.process.isRunning)
        #expect(child.process.terminationStatus != 0)
        #expect(child.text.contains("tokenLifetimeSeconds"), "\(child.text)")
    }
}
