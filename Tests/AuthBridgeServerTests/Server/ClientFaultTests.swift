import AuthBridgeServer
import AuthBridgeTestSupport
import InMemoryLogging
import Logging
import NIOCore
import NIOPosix
import Synchronization
import Testing

/// A client that breaks its own request (a malformed chunked body, a hang-up mid-body) gets a 400 or
/// nothing, and the server logs it at debug: no 500, no error log, for anyone to raise at will.
@Suite struct ClientFaultTests {
    /// Collects what the server answers until it closes the connection.
    final class Collector: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let received = Mutex("")
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = self.unwrapInboundIn(data)
            self.received.withLock { $0 += String(buffer: buffer) }
        }
    }

    /// Sends `bytes` (then closes our side when `hangUp`) and returns what came back within `limit`.
    static func exchange(port: Int, _ bytes: String, hangUp: Bool = false, limit: Duration = .seconds(2)) async throws -> String {
        let collector = Collector()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .channelInitializer { channel in channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(collector) } }
            .connect(host: "127.0.0.1", port: port).get()
        try await channel.writeAndFlush(ByteBuffer(string: bytes))
        if hangUp { try? await channel.close(mode: .output) }
        let closed = channel.closeFuture
        await withTaskGroup(of: Void.self) { group in
            group.addTask { _ = try? await closed.get() }
            // A future's wait ignores cancellation: at the limit, closing the channel ends it.
            group.addTask {
                try? await Task.sleep(for: limit)
                try? await channel.close()
            }
            await group.next()
            group.cancelAll()
        }
        try? await channel.close()
        return collector.received.withLock { $0 }
    }

    @Test func aMalformedChunkedBodyIsA400LoggedAtDebug() async throws {
        let server = try await FrontServer.start()
        let answer = try await Self.exchange(
            port: server.running.port,
            "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n")
        await eventually("the broken body is logged at debug") {
            server.logs.entries.contains { $0.level == .debug && $0.message == "request body broken by the client" }
        }
        let entries = server.logs.entries
        try await server.stop()
        #expect(!answer.hasPrefix("HTTP/1.1 500"), "\(answer)")
        #expect(answer.isEmpty || answer.hasPrefix("HTTP/1.1 400"), "\(answer)")
        #expect(!entries.contains { $0.level >= .error }, "\(entries.map { "\($0.level) \($0.message) \($0.metadata)" })")
    }

    @Test func aClientThatHangsUpMidBodyLeavesNoErrorBehind() async throws {
        let server = try await FrontServer.start()
        let answer = try await Self.exchange(
            port: server.running.port, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc", hangUp: true)
        await eventually("the hang-up is logged at debug") {
            server.logs.entries.contains { $0.level == .debug && $0.message == "request body broken by the client" }
        }
        let entries = server.logs.entries
        try await server.stop()
        #expect(!answer.hasPrefix("HTTP/1.1 500"), "\(answer)")
        #expect(!entries.contains { $0.level >= .error }, "\(entries.map { "\($0.level) \($0.message) \($0.metadata)" })")
    }
}
