public import Hummingbird
public import Logging
import NIOCore
import ServiceLifecycle

/// A Hummingbird application on `127.0.0.1` and an ephemeral port, with fault injection and a call
/// recorder in front of its routes: the base of every AuthBridge emulator.
///
/// Start it in one call, point a client at ``baseURL``, and stop it when the test ends; ``stop()``
/// returns once the server and every task it started have finished.
///
/// ```swift
/// let router = Router(context: EmulatorRequestContext.self)
/// router.get("/ping") { _, _ in EmulatorJSON.response(json: #"{"ok":true}"#) }
/// let server = try await EmulatorServer.start(router: router)
/// defer { Task { await server.stop() } }   // or: await server.stop() at the end of the test
/// server.faults.inject(.respond(status: .tooManyRequests), on: EmulatorRoute(.get, "/ping"))
/// ```
public final class EmulatorServer: Sendable {
    /// The port the server listens on.
    public let port: Int
    /// `http://127.0.0.1:<port>`, without a trailing slash.
    public let baseURL: String
    /// The faults armed on this server.
    public let faults: EmulatorFaults
    /// Every request this server received.
    public let calls: EmulatorCallRecorder

    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    private init(
        port: Int,
        faults: EmulatorFaults,
        calls: EmulatorCallRecorder,
        group: ServiceGroup,
        task: Task<Void, any Error>
    ) {
        self.port = port
        self.baseURL = "http://127.0.0.1:\(port)"
        self.faults = faults
        self.calls = calls
        self.group = group
        self.task = task
    }

    /// Starts `router`'s routes behind fault injection and recording, and returns once the server listens.
    /// - Parameters:
    ///   - router: The emulator's routes.
    ///   - faults: The fault set to consult; default a new, empty one.
    ///   - calls: The recorder to append to; default a new one.
    ///   - maximumRequestBodySize: Larger request bodies are refused with 413; default 1 MiB.
    ///   - port: The loopback port to listen on; default 0, an ephemeral one.
    ///   - logger: The server's logger; default discards everything.
    /// - Returns: The running server.
    /// - Throws: ``EmulatorError/startFailed(_:)`` or the bind error when it cannot listen.
    public static func start(
        router: Router<EmulatorRequestContext>,
        faults: EmulatorFaults = EmulatorFaults(),
        calls: EmulatorCallRecorder = EmulatorCallRecorder(),
        maximumRequestBodySize: Int = 1 << 20,
        port: Int = 0,
        logger: Logger? = nil
    ) async throws -> EmulatorServer {
        try await self.start(
            responder: router.buildResponder(),
            faults: faults,
            calls: calls,
            maximumRequestBodySize: maximumRequestBodySize,
            port: port,
            logger: logger
        )
    }

    /// Starts any responder behind fault injection and recording, and returns once the server listens.
    /// - Parameters:
    ///   - responder: Answers the requests that no fault intercepts.
    ///   - faults: The fault set to consult; default a new, empty one.
    ///   - calls: The recorder to append to; default a new one.
    ///   - maximumRequestBodySize: Larger request bodies are refused with 413; default 1 MiB.
    ///   - port: The loopback port to listen on; default 0, an ephemeral one.
    ///   - logger: The server's logger; default discards everything.
    /// - Returns: The running server.
    /// - Throws: ``EmulatorError/startFailed(_:)`` or the bind error when it cannot listen.
    public static func start<Responder: HTTPResponder>(
        responder: Responder,
        faults: EmulatorFaults = EmulatorFaults(),
        calls: EmulatorCallRecorder = EmulatorCallRecorder(),
        maximumRequestBodySize: Int = 1 << 20,
        port: Int = 0,
        logger: Logger? = nil
    ) async throws -> EmulatorServer where Responder.Context == EmulatorRequestContext {
        let logger = logger ?? Logger(label: "authbridge.emulator", factory: { _ in SwiftLogNoOpLogHandler() })
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            responder: EmulatorResponder(
                inner: responder,
                faults: faults,
                recorder: calls,
                maximumRequestBodySize: maximumRequestBodySize
            ),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in
                if let port = channel.localAddress?.port { continuation.yield(port) }
                continuation.finish()
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [app], logger: logger))
        let task = Task {
            // Finish the stream however the group ends, so a failed bind does not leave start waiting.
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        if let port = await iterator.next() {
            return EmulatorServer(port: port, faults: faults, calls: calls, group: group, task: task)
        }
        await group.triggerGracefulShutdown()
        // The server's own failure, if it had one, says more than ours.
        try await task.value
        throw EmulatorError.startFailed("the server stopped before it reported a port")
    }

    /// The URL of `path` on this server.
    /// - Parameter path: A path starting with `/`, optionally with a query.
    /// - Returns: The absolute URL string.
    public func url(_ path: String) -> String {
        self.baseURL + path
    }

    /// Stops accepting connections, lets requests in progress finish, and returns when the server and its
    /// tasks have ended. Calling it again does nothing more.
    public func stop() async {
        await self.group.triggerGracefulShutdown()
        _ = await self.task.result
    }
}
