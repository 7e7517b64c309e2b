import AsyncHTTPClient
import AuthBridgeServer
import AuthBridgeTestSupport
import Hummingbird
import InMemoryLogging
import Logging
import NIOCore
import NIOHTTP1
import Prometheus
import ServiceLifecycle
import Synchronization

/// An ``AuthBridgeHTTPServer`` on 127.0.0.1 and a free port, with test routes, captured logs and a
/// readiness switch.
final class FrontServer: Sendable {
    struct Reply {
        let status: Int
        let headers: HTTPHeaders
        let body: String
    }

    let running: AuthBridgeHTTPServer.Running
    let logs: InMemoryLogHandler
    let registry: PrometheusCollectorRegistry
    let ready: ReadySwitch
    /// Set when `/slow` has begun handling a request.
    let slowStarted: ReadySwitch

    var baseURL: String { self.running.baseURL }

    private init(
        running: AuthBridgeHTTPServer.Running, logs: InMemoryLogHandler, registry: PrometheusCollectorRegistry, ready: ReadySwitch,
        slowStarted: ReadySwitch
    ) {
        self.running = running
        self.logs = logs
        self.registry = registry
        self.ready = ready
        self.slowStarted = slowStarted
    }

    static func start(
        _ configure: (inout AuthBridgeHTTPServer.Configuration) -> Void = { _ in },
        services: [any Service] = []
    ) async throws -> FrontServer {
        var configuration = AuthBridgeHTTPServer.Configuration(
            port: 0,
            cors: CORSPolicy(allowedOrigins: ["https://shop.example.com"]),
            rateLimit: nil
        )
        configure(&configuration)
        var handler = InMemoryLogHandler()
        handler.logLevel = .trace
        let logs = handler
        let logger = Logger(label: "authbridge-front-test", factory: { _ in logs })
        let registry = PrometheusCollectorRegistry()
        let ready = ReadySwitch()
        let slowStarted = ReadySwitch()
        // swift-format-ignore: OnlyOneTrailingClosureArgument
        let server = AuthBridgeHTTPServer(
            configuration: configuration,
            readiness: { ready.isReady },
            metricsRegistry: registry,
            services: services,
            logger: logger
        ) { router in
            router.post("/echo") { request, context in
                var request = request
                let body = try await ClientRequestBody.collect(&request, upTo: 1 << 20, logger: context.logger)
                return Response(status: .ok, headers: [.contentLength: String(body.readableBytes)], body: ResponseBody(byteBuffer: body))
            }
            router.get("/slow") { _, _ in
                slowStarted.set(true)
                try await Task.sleep(for: .milliseconds(800))
                return "finished"
            }
        }
        let running = try await server.start()
        return FrontServer(running: running, logs: logs, registry: registry, ready: ready, slowStarted: slowStarted)
    }

    func stop() async throws { try await self.running.stop() }

    func send(
        _ method: HTTPMethod = .GET,
        _ path: String,
        headers: [(String, String)] = [],
        body: String? = nil,
        chunked: Bool = false,
        timeout: TimeAmount = .seconds(10)
    ) async throws -> Reply {
        let sent: TestHTTP.Body? = body.map { chunked ? .chunked($0) : .text($0) }
        let reply = try await TestHTTP.send(method, self.baseURL + path, headers: headers, body: sent, timeout: timeout)
        return Reply(status: reply.status, headers: reply.headers, body: reply.body)
    }

    /// Every captured log line with its metadata.
    var logText: String { self.logs.entries.map { "\($0.level) \($0.message) \($0.metadata)" }.joined(separator: "\n") }
}

/// What the readiness check reads; a test flips it.
final class ReadySwitch: Sendable {
    private let state = Mutex(false)
    var isReady: Bool { self.state.withLock { $0 } }
    func set(_ ready: Bool) { self.state.withLock { $0 = ready } }
}
