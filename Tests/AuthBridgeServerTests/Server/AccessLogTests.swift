import AuthBridgeServer
import InMemoryLogging
import Logging
import NIOHTTP1
import Testing

/// Access log lines and correlation ids: what is logged, and what never is.
@Suite struct AccessLogTests {
    @Test func accessLogHasTheFactsAndNoSecrets() async throws {
        let server = try await FrontServer.start()
        let reply = try await server.send(
            .POST,
            "/echo?code=SECRET-CODE-abc123&state=xyz",
            headers: [("Authorization", "Bearer SECRET-TOKEN-def456"), ("Cookie", "session=SECRET-COOKIE-ghi789"), ("X-Request-Id", "req-42.a_b")],
            body: #"{"credential":"SECRET-BODY-jkl012"}"#
        )
        try await server.stop()
        #expect(reply.status == 200)
        #expect(reply.headers["X-Request-Id"] == ["req-42.a_b"])

        let line = try #require(server.logs.entries.first { $0.message.description == "request" })
        #expect(line.metadata["http.method"]?.description == "POST")
        #expect(line.metadata["http.path"]?.description == "/echo")
        #expect(line.metadata["http.route"]?.description == "/echo")
        #expect(line.metadata["http.status"]?.description == "200")
        #expect(line.metadata["client"]?.description == "127.0.0.1")
        #expect(line.metadata["hb.request.id"]?.description == "req-42.a_b")
        #expect(line.metadata["duration_ms"] != nil)

        let text = server.logText
        for secret in ["SECRET-CODE", "state=xyz", "SECRET-TOKEN", "SECRET-COOKIE", "SECRET-BODY", "Bearer"] {
            #expect(!text.contains(secret), "\(secret) reached the log")
        }
    }

    @Test func unsafeOrMissingRequestIDsAreReplaced() async throws {
        let server = try await FrontServer.start()
        let missing = try await server.send(.GET, "/healthz")
        let unsafe = try await server.send(.GET, "/healthz", headers: [("X-Request-Id", "a b\"c")])
        let long = try await server.send(.GET, "/healthz", headers: [("X-Request-Id", String(repeating: "a", count: 65))])
        try await server.stop()
        for reply in [missing, unsafe, long] {
            let id = try #require(reply.headers["X-Request-Id"].first)
            #expect((16...32).contains(id.count))
            #expect(id.allSatisfy { $0.isHexDigit })
        }
        #expect(missing.headers["X-Request-Id"] != unsafe.headers["X-Request-Id"])
    }

    @Test func refusalsAreLoggedWithTheirStatus() async throws {
        let server = try await FrontServer.start()
        _ = try await server.send(.GET, "/healthz", headers: [("Origin", "https://evil.example.net")])
        try await server.stop()
        let line = try #require(server.logs.entries.first { $0.message.description == "request" })
        #expect(line.metadata["http.status"]?.description == "403")
        #expect(line.metadata["http.route"]?.description == "-")
    }
}
