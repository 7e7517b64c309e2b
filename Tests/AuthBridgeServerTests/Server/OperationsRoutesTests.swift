import AsyncHTTPClient
import AuthBridgeServer
import InMemoryLogging
import Logging
import NIOCore
import NIOHTTP1
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
        let healthCount = lines.first {
            $0.hasPrefix("authbridge_http_requests_total{") && $0.contains(#"route="/healthz""#) && $0.contains(#"status="200""#)
        }
        #expect(healthCount?.hasSuffix(" 3") == true, "\(metrics.body)")
        #expect(lines.contains { $0.hasPrefix("authbridge_http_requests_total{") && $0.contains(#"status="404""#) })
        #expect(lines.contains { $0.hasPrefix("authbridge_http_request_duration_seconds_bucket{") && $0.contains(#"route="/healthz""#) })
        #expect(metrics.body.contains("# TYPE authbridge_http_request_duration_seconds histogram"))
    }

    @Test func aMetricsPortTakesMetricsOffTheMainPort() async throws {
        let server = try await FrontServer.start { $0.metricsPort = 0 }
        _ = try await server.send(.POST, "/echo", body: "x")
        let onMain = try await server.send(.GET, "/metrics")
        let health = try await server.send(.GET, "/healthz")
        let metricsPort = try #require(server.running.metricsPort)
        #expect(metricsPort != server.running.port)
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(metricsPort)/metrics"), timeout: .seconds(5))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        let elsewhere = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(metricsPort)/echo"), timeout: .seconds(5))
        try await server.stop()
        #expect(onMain.status == 404)
        #expect(health.status == 200)
        #expect(response.status == .ok)
        #expect(text.contains(#"authbridge_http_requests_total{route="/echo",method="POST",status="200"} 1"#), "\(text)")
        // The metrics listener serves nothing else.
        #expect(elsewhere.status == .notFound)
    }

    @Test func theRunnerTakesTheMetricsPortFromTheConfiguration() async throws {
        let application = try await OpenIDDiscoveryProbeTests.application(issuer: "https://auth.example.com")
        let reader = try await AuthBridgeConfiguration.reader(environment: ["AUTHBRIDGE_SERVER_PORT": "0", "AUTHBRIDGE_SERVER_METRICS_PORT": "0"])
        let server = try AuthBridgeHTTPServer.Configuration(reader: reader)
        let running = try await AuthBridgeServerRunner(
            application: application,
            configuration: server,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        ).start()
        let metricsPort = running.metricsPort
        let onMain = try await HTTPClient.shared.execute(HTTPClientRequest(url: running.baseURL + "/metrics"), timeout: .seconds(5))
        try await running.stop()
        await application.shutdown()
        #expect(metricsPort != nil)
        #expect(onMain.status == .notFound)
    }
}
