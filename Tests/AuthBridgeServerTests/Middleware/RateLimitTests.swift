import InMemoryLogging
import Logging
import NIOHTTP1
import Testing

@testable import AuthBridgeServer

/// The per-client token bucket: over a real server, and its state machine by numbers.
@Suite struct RateLimitTests {
    @Test func overTheRateIs429WithRetryAfterThenRecovers() async throws {
        let server = try await FrontServer.start {
            // One token per 5 s: slow enough that a loaded machine (CI beside a build) cannot refill the
            // bucket mid-burst.
            $0.rateLimit = ClientRateLimiter.Configuration(requestsPerSecond: 0.2, burst: 3)
        }
        var statuses: [Int] = []
        for _ in 0..<3 { statuses.append(try await server.send(.POST, "/echo", body: "x").status) }
        let refused = try await server.send(.POST, "/echo", headers: [("Origin", "https://shop.example.com")], body: "x")
        // Probes are never limited, even for a client over its rate.
        let probe = try await server.send(.GET, "/healthz")
        try await Task.sleep(for: .milliseconds(5100))
        let recovered = try await server.send(.POST, "/echo", body: "x")
        try await server.stop()
        #expect(statuses == [200, 200, 200])
        #expect(refused.status == 429)
        let retryAfter = try #require(refused.headers["Retry-After"].first.flatMap { Int($0) })
        #expect((1...5).contains(retryAfter))
        #expect(refused.headers["Access-Control-Allow-Origin"] == ["https://shop.example.com"])
        #expect(probe.status == 200)
        #expect(recovered.status == 200)
    }

    @Test func trustedProxyHopsTellClientsApartByForwardedFor() async throws {
        let server = try await FrontServer.start {
            $0.rateLimit = ClientRateLimiter.Configuration(requestsPerSecond: 0.1, burst: 1)
            $0.clientAddress = .forwardedFor(trustedProxyHops: 1)
        }
        let first = try await server.send(.POST, "/echo", headers: [("X-Forwarded-For", "198.51.100.7")], body: "x")
        // The client wrote the left entry itself; only the one our proxy appended counts.
        let spoofed = try await server.send(.POST, "/echo", headers: [("X-Forwarded-For", "203.0.113.1, 198.51.100.7")], body: "x")
        let other = try await server.send(.POST, "/echo", headers: [("X-Forwarded-For", "198.51.100.8")], body: "x")
        try await server.stop()
        #expect(first.status == 200)
        #expect(spoofed.status == 429)
        #expect(other.status == 200)
        #expect(server.logText.contains("198.51.100.8"))
    }

    @Test func tooFewForwardedHopsFallBackToThePeer() async throws {
        let server = try await FrontServer.start { $0.clientAddress = .forwardedFor(trustedProxyHops: 2) }
        _ = try await server.send(.GET, "/healthz", headers: [("X-Forwarded-For", "198.51.100.9")])
        _ = try await server.send(.GET, "/healthz", headers: [("X-Forwarded-For", "203.0.113.5, 198.51.100.9")])
        try await server.stop()
        let clients = server.logs.entries.filter { $0.message.description == "request" }.map { $0.metadata["client"]?.description }
        #expect(clients == ["127.0.0.1", "203.0.113.5"])
    }

    @Test(
        arguments: [
            ("198.51.100.7", "198.51.100.7"),
            ("198.51.100.7:51234", "198.51.100.7"),
            ("[2001:db8::7]:443", "2001:db8::7"),
            ("2001:db8::7", "2001:db8::7"),
            ("unknown", nil),
            ("198.51.100.7; drop", nil),
            ("[2001:db8::7", nil),
            ("", nil),
        ] as [(String, String?)])
    func forwardedEntriesAreIPAddressesWithoutPorts(entry: String, expected: String?) {
        #expect(ClientAddressPolicy.address(Substring(entry)) == expected)
    }

    @Test func aForwardedEntryThatIsNoAddressFallsBackToThePeer() async throws {
        let server = try await FrontServer.start { $0.clientAddress = .forwardedFor(trustedProxyHops: 1) }
        _ = try await server.send(.GET, "/healthz", headers: [("X-Forwarded-For", "not-an-address")])
        _ = try await server.send(.GET, "/healthz", headers: [("X-Forwarded-For", "198.51.100.7:40000")])
        try await server.stop()
        let clients = server.logs.entries.filter { $0.message.description == "request" }.map { $0.metadata["client"]?.description }
        #expect(clients == ["127.0.0.1", "198.51.100.7"])
    }

    @Test func refusalsAreCountedWithoutARoute() async throws {
        let server = try await FrontServer.start { $0.rateLimit = ClientRateLimiter.Configuration(requestsPerSecond: 0.1, burst: 1) }
        _ = try await server.send(.POST, "/echo", body: "x")
        _ = try await server.send(.POST, "/echo", body: "x")
        let metrics = try await server.send(.GET, "/metrics")
        try await server.stop()
        #expect(metrics.body.contains(#"authbridge_http_requests_total{route="none",method="POST",status="429"} 1"#), "\(metrics.body)")
        #expect(metrics.body.contains(#"authbridge_http_requests_total{route="/echo",method="POST",status="200"} 1"#))
    }

    @Test(arguments: [
        ("192.0.2.1", "192.0.2.1"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("2001:db8:1:2::7", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2:ffff::1", "2001:db8:1:2::/64"),
        ("2001:db8::1", "2001:db8:0:0::/64"),
        ("::1", "0:0:0:0::/64"),
        ("fe80::1%eth0", "fe80:0:0:0::/64"),
        ("::ffff:198.51.100.4", "198.51.100.4"),
        ("not:an::address::", "not:an::address::"),
    ])
    func rateLimitKeys(address: String, key: String) {
        #expect(RateLimitKey.key(forClientAddress: address) == key)
    }

    @Test func bucketRefillsLazilyAndRefusalsTakeNothing() {
        var machine = ClientRateLimiter.StateMachine(configuration: .init(requestsPerSecond: 2, burst: 2))
        #expect(machine.acquire("a", now: 0) == .admit)
        #expect(machine.acquire("a", now: 0) == .admit)
        #expect(machine.acquire("a", now: 0) == .refuse(retryAfter: 0.5))
        #expect(machine.acquire("a", now: 0.25) == .refuse(retryAfter: 0.25))
        #expect(machine.acquire("a", now: 0.5) == .admit)
        #expect(machine.acquire("b", now: 0.5) == .admit)
    }

    @Test func memoryIsBoundedIdleBucketsGoFirst() {
        var machine = ClientRateLimiter.StateMachine(configuration: .init(requestsPerSecond: 1, burst: 5, maximumClients: 100))
        // 50 clients long idle (refilled), then 50 active ones.
        for index in 0..<50 { _ = machine.acquire("idle-\(index)", now: 0) }
        for index in 0..<50 { _ = machine.acquire("busy-\(index)", now: 100) }
        #expect(machine.clientCount == 100)
        _ = machine.acquire("new", now: 100)
        #expect(machine.clientCount == 51)
        #expect(machine.buckets["busy-0"] != nil)
        #expect(machine.buckets["idle-0"] == nil)
    }

    @Test func memoryIsBoundedUnderAFloodOfActiveClients() {
        var machine = ClientRateLimiter.StateMachine(configuration: .init(requestsPerSecond: 1, burst: 5, maximumClients: 100))
        for index in 0..<10_000 { _ = machine.acquire("flood-\(index)", now: Double(index) * 0.001) }
        #expect(machine.clientCount <= 100)
        // The newest clients are still counted.
        #expect(machine.buckets["flood-9999"] != nil)
    }
}
