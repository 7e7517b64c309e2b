import InMemoryLogging
import Logging
import NIOHTTP1
import AuthBridgeServer
import Testing

/// `/healthz`, `/readyz` and `/metrics`.
@Suite struct OperationsRoutesTests {
    @Test func healthIsAlways200() async throws {
        let server = try await FrontServer.start()
        let reply = try await server.send(.GET, "/healthz")
        try await server.stop()
        #expect(reply.status == 200)
        #expect(reply.body == "ok\n")
        #expect(reply.headers["Cache-Control"] == ["no-store"])
    }

    @Test func readinessFollowsTheCheck() async throws {
        let server = try await FrontServer.start()
        let before = try await server.send(.GET, "/readyz")
        server.ready.set(true)
        let after = try await server.send(.GET, "/readyz")
        try await server.stop()
        #expect(before.status == 503)
        #expect(after.status == 200)
        // Probes are alive while not ready.
        #expect(before.headers["X-Request-Id"].count == 1)
    }

    @Test func metricsCountRequestsByRouteAndStatus() async throws {
        let server = try await FrontServer.start()
        for _ in 0..<3 { _ = try await server.send(.GET, "/healthz") }
        _ = try await server.send(.GET, "/no/such/path")
        let metrics = try await server.send(.GET, "/metrics")
        try await server.stop()
        #expect(metrics.status == 200)
        #expect(metrics.headers["Content-Type"].first?.hasPrefix("text/plain; version=0.0.4") == true)
        let lines = metrics.body.split(separator: "\n")
        let healthCount = lines.first { $0.hasPrefix("authbridge_http_requests_total{") && $0.contains(#"route="/healthz""#) && $0.contains(#"status="200""#) }
        #expect(healthCount?.hasSuffix(" 3") == true, "\(metrics.body)")
        #expect(lines.contains { $0.hasPrefix("authbridge_http_requests_total{") && $0.contains(#"status="404""#) })
        #expect(lines.contains { $0.hasPrefix("authbridge_http_request_duration_seconds_bucket{") && $0.contains(#"route="/healthz""#) })
        #expect(metrics.body.contains("# TYPE authbridge_http_request_duration_seconds histogram"))
    }
}
