import AsyncHTTPClient
import AuthBridgeTestSupport
import AuthBridgeTesting
import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1
import Testing

@Suite("EmulatorServer over loopback")
struct EmulatorServerTests {
    private static func makeRouter() -> Router<EmulatorRequestContext> {
        let router = Router(context: EmulatorRequestContext.self)
        router.get("/ping") { _, _ in EmulatorJSON.response(json: #"{"ok":true}"#) }
        router.post("/echo") { request, context in
            var request = request
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            return EmulatorJSON.response(json: String(buffer: body), status: .created)
        }
        return router
    }

    private static func get(
        _ client: HTTPClient,
        _ url: String,
        timeout: TimeAmount = .seconds(10),
        authorization: String? = nil
    ) async throws -> (status: Int, headers: [String: String], body: String) {
        let reply = try await TestHTTP.send(.GET, url, headers: authorization.map { [("Authorization", $0)] } ?? [], client: client, timeout: timeout)
        var headers: [String: String] = [:]
        for (name, value) in reply.headers { headers[name.lowercased()] = value }
        return (reply.status, headers, reply.body)
    }

    private static func withServer(
        _ body: (EmulatorServer, HTTPClient) async throws -> Void
    ) async throws {
        let server = try await EmulatorServer.start(router: makeRouter())
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await body(server, client)
        } catch {
            try await client.shutdown()
            await server.stop()
            throw error
        }
        try await client.shutdown()
        await server.stop()
    }

    @Test("starts on an ephemeral loopback port and answers")
    func startsAndAnswers() async throws {
        try await Self.withServer { (server: EmulatorServer, client: HTTPClient) async throws in
            #expect(server.port > 0)
            #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
            let response = try await Self.get(client, server.url("/ping"))
            #expect(response.status == 200)
            #expect(response.body == #"{"ok":true}"#)
            #expect(response.headers["content-type"] == "application/json; charset=utf-8")
        }
    }

    @Test("a status fault answers with its status, headers and body, then stops after its count")
    func statusFault() async throws {
        try await Self.withServer { (server: EmulatorServer, client: HTTPClient) async throws in
            server.faults.inject(
                .respond(status: .tooManyRequests, headers: [.retryAfter: "3"], body: #"{"error":"slow down"}"#),
                on: EmulatorRoute(.get, "/ping"),
                count: .times(2)
            )
            for _ in 0..<2 {
                let response = try await Self.get(client, server.url("/ping"))
                #expect(response.status == 429)
                #expect(response.headers["retry-after"] == "3")
                #expect(response.body == #"{"error":"slow down"}"#)
            }
            #expect(try await Self.get(client, server.url("/ping")).status == 200)
            #expect(server.faults.armedCount == 0)
        }
    }

    @Test("an always fault fires until cleared; other routes are untouched")
    func alwaysFaultAndClear() async throws {
        try await Self.withServer { (server: EmulatorServer, client: HTTPClient) async throws in
            let route = EmulatorRoute(.get, "/ping")
            server.faults.inject(.respond(status: .serviceUnavailable), on: route, count: .always)
            #expect(try await Self.get(client, server.url("/ping")).status == 503)
            #expect(try await Self.get(client, server.url("/ping")).status == 503)
            #expect(try await Self.get(client, server.url("/missing")).status == 404)
            server.faults.clear(route)
            #expect(try await Self.get(client, server.url("/ping")).status == 200)
        }
    }

    @Test("a delay fault answers late: a short client timeout fails, a long one succeeds")
    func delayFault() async throws {
        try await Self.withServer { (server: EmulatorServer, client: HTTPClient) async throws in
            server.faults.inject(.delay(.milliseconds(400)), on: EmulatorRoute(.get, "/ping"))
            await #expect(throws: HTTPClientError.self) {
                _ = try await Self.get(client, server.url("/ping"), timeout: .milliseconds(100))
            }
            server.faults.inject(.delay(.milliseconds(50)), on: EmulatorRoute(.get, "/ping"))
            // Generous: a loaded CI machine can stall a loopback answer well past 50 ms.
            #expect(try await Self.get(client, server.url("/ping"), timeout: .seconds(10)).status == 200)
        }
    }

    @Test("a drop fault closes the connection without a response")
    func dropFault() async throws {
        try await Self.withServer { (server: EmulatorServer, client: HTTPClient) async throws in
            server.faults.inject(.dropConnection, on: EmulatorRoute(.get, "/ping"))
            await #expect(throws: (any Error).self) {
                _ = try await Self.get(client, server.url("/ping"))
            }
            #expect(try await Self.get(client, server.url("/ping")).status == 200)
        }
    }

    @Test("a malformed-body fault sends 200 with JSON that does not parse")
    func malformedFault() async throws {
        try await Self.withServer { (server: EmulatorServer, client: HTTPClient) async throws in
            server.faults.inject(.malformedBody, on: EmulatorRoute(nil, "/**"))
            let response = try await Self.get(client, server.url("/ping"))
            #expect(response.status == 200)
            #expect(throws: (any Error).self) {
                _ = try JSONSerialization.jsonObject(with: Data(response.body.utf8))
            }
        }
    }

    @Test("an oversized-body fault sends exactly the requested size, which trips a client cap")
    func oversizedFault() async throws {
        try await Self.withServer { (server: EmulatorServer, client: HTTPClient) async throws in
            server.faults.inject(.oversizedBody(byteCount: 50_000), on: EmulatorRoute(.get, "/ping"), count: .times(2))
            let response = try await Self.get(client, server.url("/ping"))
            #expect(response.body.utf8.count == 50_000)
            #expect(response.headers["content-length"] == "50000")
            let capped = try await client.execute(HTTPClientRequest(url: server.url("/ping")), timeout: .seconds(10))
            await #expect(throws: (any Error).self) {
                _ = try await capped.body.collect(upTo: 1_000)
            }
        }
    }

    @Test("the recorder keeps method, path, query, headers and body, and redacts credentials in descriptions")
    func recorder() async throws {
        try await Self.withServer { (server: EmulatorServer, client: HTTPClient) async throws in
            _ = try await Self.get(client, server.url("/ping?page%5Bbefore%5D=abc&x=1+2"), authorization: "Bearer top-secret-token")
            var request = HTTPClientRequest(url: server.url("/echo"))
            request.method = .POST
            request.body = .bytes(ByteBuffer(string: #"{"a":1}"#))
            let response = try await client.execute(request, timeout: .seconds(10))
            #expect(response.status.code == 201)
            let echoed = try await response.body.collect(upTo: 1024)
            #expect(String(buffer: echoed) == #"{"a":1}"#)

            let pings = server.calls.calls(matching: EmulatorRoute(.get, "/ping"))
            #expect(pings.count == 1)
            let ping = try #require(pings.first)
            #expect(ping.queryValue("page[before]") == "abc")
            #expect(ping.queryValue("x") == "1 2")
            #expect(ping.header("Authorization") == "Bearer top-secret-token")
            #expect(!ping.description.contains("top-secret-token"))
            #expect(ping.description.contains("<redacted>"))
            #expect(!"\(server.calls.all)".contains("top-secret-token"))

            let echo = try #require(server.calls.calls(matching: EmulatorRoute(.post, "/echo")).first)
            #expect(echo.bodyText == #"{"a":1}"#)
            #expect(server.calls.all.count == 2)
            server.calls.clear()
            #expect(server.calls.all.isEmpty)
        }
    }

    @Test("route patterns match segments, parameters and tails")
    func routePatterns() {
        #expect(EmulatorRoute(.get, "/a/:id").matches(method: .get, path: "/a/42"))
        #expect(!EmulatorRoute(.get, "/a/:id").matches(method: .get, path: "/a/42/b"))
        #expect(!EmulatorRoute(.get, "/a/:id").matches(method: .post, path: "/a/42"))
        #expect(EmulatorRoute(nil, "/a/**").matches(method: .delete, path: "/a/b/c"))
        #expect(EmulatorRoute(nil, "/a/**").matches(method: .get, path: "/a"))
        #expect(EmulatorRoute(.get, "/a/*/c").matches(method: .get, path: "/a/b/c"))
        #expect(!EmulatorRoute(.get, "/a/b").matches(method: .get, path: "/a/c"))
    }

    @Test("after stop the port refuses connections")
    func stopReleasesPort() async throws {
        let server = try await EmulatorServer.start(router: Self.makeRouter())
        let url = server.url("/ping")
        await server.stop()
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        await #expect(throws: (any Error).self) {
            _ = try await Self.get(client, url, timeout: .milliseconds(500))
        }
        try await client.shutdown()
    }
}
