import AuthBridgeServer
import InMemoryLogging
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import ServiceLifecycleTestKit
import Synchronization
import Testing

/// Graceful shutdown: a request in flight finishes, then the background services stop.
@Suite struct GracefulShutdownTests {
    /// A background service that records when it saw graceful shutdown and when it ended.
    final class RecordingService: Service, Sendable {
        let events = Mutex<[String]>([])

        func run() async throws {
            self.events.withLock { $0.append("started") }
            try? await gracefulShutdown()
            self.events.withLock { $0.append("stopped") }
        }
    }

    @Test func inFlightRequestCompletesDuringShutdown() async throws {
        let service = RecordingService()
        let server = try await FrontServer.start(services: [service])
        async let slow = server.send(.GET, "/slow")
        // Shut down only once the handler runs, so the request is truly in flight.
        while !server.slowStarted.isReady { try await Task.sleep(for: .milliseconds(10)) }
        try await server.stop()
        let reply = try await slow
        #expect(reply.status == 200)
        #expect(reply.body == "finished")
        #expect(service.events.withLock { $0 } == ["started", "stopped"])
    }

    @Test func stoppedServerRefusesConnections() async throws {
        let server = try await FrontServer.start()
        try await server.stop()
        // The client retries a refused connection until its deadline, hence the short one.
        await #expect(throws: (any Error).self) { _ = try await server.send(.GET, "/healthz", timeout: .seconds(1)) }
    }

    @Test func runAsAServiceStopsWithItsParentsGracefulShutdown() async throws {
        let service = RecordingService()
        let server = AuthBridgeHTTPServer(configuration: .init(port: 0, rateLimit: nil), services: [service], logger: Logger(label: "test")) { _ in }
        try await testGracefulShutdown { trigger in
            let task = Task { try await server.run() }
            // Wait until the service runs, so the shutdown reaches a started group.
            while service.events.withLock({ $0 }).isEmpty { try await Task.sleep(for: .milliseconds(10)) }
            trigger.triggerGracefulShutdown()
            try await task.value
        }
        #expect(service.events.withLock { $0 } == ["started", "stopped"])
    }

    @Test func readinessTurns503ForTheDrainPeriodWhileRoutesStillServe() async throws {
        let service = RecordingService()
        let drain = Duration.seconds(3)
        let server = try await FrontServer.start({ $0.shutdownDrainPeriod = drain }, services: [service])
        server.ready.set(true)
        #expect(try await server.send(.GET, "/readyz").status == 200)
        let clock = ContinuousClock()
        let stopStarted = clock.now
        let stopping = Task { try await server.stop() }
        // The drain starts at once: poll until readiness fails.
        var readiness = 200
        for _ in 0..<200 where readiness == 200 {
            readiness = try await server.send(.GET, "/readyz").status
            if readiness == 200 { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(readiness == 503)
        // Still serving during the drain: liveness, other routes, and the background service.
        #expect(try await server.send(.GET, "/healthz").status == 200)
        #expect(try await server.send(.POST, "/echo", body: "during the drain").body == "during the drain")
        #expect(service.events.withLock { $0 } == ["started"])
        try await stopping.value
        // The listener stayed open for the whole period, and only then did the services stop.
        #expect(clock.now - stopStarted >= drain)
        #expect(service.events.withLock { $0 } == ["started", "stopped"])
        await #expect(throws: (any Error).self) { _ = try await server.send(.GET, "/healthz", timeout: .seconds(1)) }
    }
}
