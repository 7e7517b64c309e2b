import AuthBridgeServer
import NIOCore
import NIOPosix
import Testing

/// Connections that trickle a request or send nothing are closed after the idle timeout.
@Suite struct IdleTimeoutTests {
    /// Connects, sends `bytes`, and returns how long the server took to close the connection, or `nil`
    /// if it was still open after `limit`.
    static func secondsUntilClosed(port: Int, sending bytes: String, limit: Duration) async throws -> Double? {
        // Timed from before connecting: the server's timer starts when it accepts, which is after this
        // even when a loaded machine hands us the connected channel late.
        let clock = ContinuousClock()
        let start = clock.now
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: port).get()
        // A loaded machine can hand us the channel after the server's idle timer closed it: the write then
        // fails, and the close is what is measured.
        if !bytes.isEmpty { try? await channel.writeAndFlush(ByteBuffer(string: bytes)) }
        let closed = channel.closeFuture
        let closedInTime = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                _ = try? await closed.get()
                return true
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            // Still open at the limit: closing it ends the other task's wait.
            if !first { try? await channel.close() }
            return first
        }
        guard closedInTime else { return nil }
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test func aTrickledRequestHeadIsClosedAfterTheIdleTimeout() async throws {
        let server = try await FrontServer.start { $0.idleTimeout = .seconds(1) }
        // A request head that never ends: no complete part ever arrives.
        let seconds = try await Self.secondsUntilClosed(
            port: server.running.port, sending: "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ", limit: .seconds(10))
        let silent = try await Self.secondsUntilClosed(port: server.running.port, sending: "", limit: .seconds(10))
        try await server.stop()
        let trickled = try #require(seconds, "the server never closed a connection that trickled its head")
        #expect(trickled >= 0.9 && trickled < 10)
        let idle = try #require(silent, "the server never closed a connection that sent nothing")
        #expect(idle >= 0.9 && idle < 10)
    }
}
