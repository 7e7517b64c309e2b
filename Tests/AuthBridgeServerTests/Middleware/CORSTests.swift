import AuthBridgeServer
import InMemoryLogging
import Logging
import NIOHTTP1
import Testing

/// CORS by allow-list over a real server.
@Suite struct CORSTests {
    static let allowed = "https://shop.example.com"

    @Test func allowedOriginGetsItsOwnOriginBackNeverAWildcard() async throws {
        let server = try await FrontServer.start()
        let reply = try await server.send(.GET, "/healthz", headers: [("Origin", Self.allowed)])
        try await server.stop()
        #expect(reply.status == 200)
        #expect(reply.headers["Access-Control-Allow-Origin"] == [Self.allowed])
        #expect(reply.headers["Vary"].contains("Origin"))
        #expect(reply.headers["Access-Control-Expose-Headers"].first?.contains("X-Request-Id") == true)
        #expect(reply.headers["Access-Control-Allow-Credentials"].isEmpty)
    }

    @Test func disallowedOriginIsRefusedWithoutCORSHeaders() async throws {
        let server = try await FrontServer.start()
        let reply = try await server.send(.POST, "/echo", headers: [("Origin", "https://evil.example.net")], body: "{}")
        try await server.stop()
        #expect(reply.status == 403)
        #expect(reply.headers["Access-Control-Allow-Origin"].isEmpty)
    }

    @Test func disallowedOriginIsServedBareWhenRefusalIsOff() async throws {
        let server = try await FrontServer.start { $0.cors.refusesDisallowedOrigins = false }
        let reply = try await server.send(.GET, "/healthz", headers: [("Origin", "https://evil.example.net")])
        try await server.stop()
        #expect(reply.status == 200)
        #expect(reply.headers["Access-Control-Allow-Origin"].isEmpty)
        #expect(reply.headers["Vary"].contains("Origin"))
    }

    @Test func requestsWithoutOriginPass() async throws {
        let server = try await FrontServer.start()
        let reply = try await server.send(.POST, "/echo", body: "hello")
        try await server.stop()
        #expect(reply.status == 200)
        #expect(reply.body == "hello")
        #expect(reply.headers["Access-Control-Allow-Origin"].isEmpty)
        // Cacheable answers differ by Origin: a shared cache must not hand this copy to the page.
        #expect(reply.headers["Vary"].contains("Origin"))
    }

    @Test func anOriginListedWithItsDefaultPortMatchesWhatBrowsersSend() async throws {
        let server = try await FrontServer.start { $0.cors = CORSPolicy(allowedOrigins: ["https://shop.example.com:443/", "http://localhost:80"]) }
        let https = try await server.send(.GET, "/healthz", headers: [("Origin", "https://shop.example.com")])
        let http = try await server.send(.GET, "/healthz", headers: [("Origin", "http://localhost")])
        let otherPort = try await server.send(.GET, "/healthz", headers: [("Origin", "https://shop.example.com:8443")])
        try await server.stop()
        #expect(https.status == 200 && https.headers["Access-Control-Allow-Origin"] == ["https://shop.example.com"])
        #expect(http.status == 200)
        #expect(otherPort.status == 403)
    }

    @Test func preflightFromAllowedOriginIsAnswered() async throws {
        let server = try await FrontServer.start()
        let reply = try await server.send(
            .OPTIONS,
            "/authbridge/v1/session",
            headers: [
                ("Origin", "https://SHOP.example.com/"),
                ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "content-type, x-request-id"),
            ]
        )
        try await server.stop()
        #expect(reply.status == 204)
        #expect(reply.headers["Access-Control-Allow-Origin"] == ["https://SHOP.example.com/"])
        #expect(reply.headers["Access-Control-Allow-Methods"] == ["GET, POST"])
        #expect(reply.headers["Access-Control-Allow-Headers"] == ["Content-Type, X-Request-Id"])
        #expect(reply.headers["Access-Control-Max-Age"] == ["600"])
    }

    @Test func preflightFromDisallowedOriginIs403() async throws {
        let server = try await FrontServer.start()
        let reply = try await server.send(
            .OPTIONS,
            "/echo",
            headers: [("Origin", "https://shop.example.com.evil.net"), ("Access-Control-Request-Method", "POST")]
        )
        try await server.stop()
        #expect(reply.status == 403)
        #expect(reply.headers["Access-Control-Allow-Origin"].isEmpty)
        #expect(reply.headers["Access-Control-Allow-Methods"].isEmpty)
    }

    @Test func preflightAskingForAnUnlistedHeaderOrMethodIs403() async throws {
        let server = try await FrontServer.start()
        let header = try await server.send(
            .OPTIONS,
            "/echo",
            headers: [("Origin", Self.allowed), ("Access-Control-Request-Method", "POST"), ("Access-Control-Request-Headers", "authorization")]
        )
        let method = try await server.send(.OPTIONS, "/echo", headers: [("Origin", Self.allowed), ("Access-Control-Request-Method", "DELETE")])
        try await server.stop()
        #expect(header.status == 403)
        #expect(method.status == 403)
    }

    @Test func wildcardEntryMatchesNothing() async throws {
        let server = try await FrontServer.start { $0.cors = CORSPolicy(allowedOrigins: ["*"]) }
        let reply = try await server.send(.GET, "/healthz", headers: [("Origin", Self.allowed)])
        try await server.stop()
        #expect(reply.status == 403)
        #expect(reply.headers["Access-Control-Allow-Origin"].isEmpty)
    }
}
