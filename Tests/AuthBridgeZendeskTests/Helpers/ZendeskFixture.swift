import AsyncHTTPClient
import AuthBridgeCore
import AuthBridgeTestSupport
import AuthBridgeTesting
import InMemoryLogging
import Logging
import Synchronization

@testable import AuthBridgeZendesk

/// A started Zendesk emulator, an HTTP client, a manual monotonic clock, a settable wall clock and captured
/// logs; `run` stops and shuts everything down however the test ends.
struct ZendeskFixture {
    let emulator: ZendeskEmulator
    let client: HTTPClient
    let clock = ManualClock()
    let wall: WallClock
    let logs: InMemoryLogHandler
    let logger: Logger
    /// Delays the HTTP layer asked to sleep before retrying; nothing really sleeps.
    let sleeps = SleepRecorder()

    static func run(messagesPerPage: Int = 100, _ body: (ZendeskFixture) async throws -> Void) async throws {
        let wall = WallClock()
        let emulator = try await ZendeskEmulator.start(configuration: .init(messagesPerPage: messagesPerPage, clock: wall.jwtClock))
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        var logs = InMemoryLogHandler()
        logs.logLevel = .trace
        let handler = logs
        let fixture = ZendeskFixture(
            emulator: emulator,
            client: client,
            wall: wall,
            logs: logs,
            logger: Logger(label: "test", factory: { _ in handler })
        )
        do {
            try await body(fixture)
        } catch {
            try? await client.shutdown()
            await emulator.stop()
            throw error
        }
        try await client.shutdown()
        await emulator.stop()
    }

    var baseURL: ZendeskBaseURL {
        get throws { try ZendeskBaseURL(overriding: self.emulator.baseURL) }
    }

    /// An HTTP layer whose retry waits are recorded instead of slept.
    func http(_ configuration: ZendeskHTTPPolicy = ZendeskHTTPPolicy()) -> ZendeskTransport {
        let sleeps = self.sleeps
        return ZendeskTransport(client: self.client, configuration: configuration, sleep: { delay in sleeps.record(delay) })
    }

    var recordedSleeps: [Duration] { self.sleeps.delays }

    /// Every log line and its metadata, as text, for leak checks.
    var logText: String {
        self.logs.entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
    }
}

/// Collects the retry delays the HTTP layer asked for.
final class SleepRecorder: Sendable {
    private let recorded = Mutex<[Duration]>([])

    func record(_ delay: Duration) {
        self.recorded.withLock { $0.append(delay) }
    }

    var delays: [Duration] { self.recorded.withLock { $0 } }
}
