import NIOCore

/// Encodes requests, matches replies to them in order (Redis answers pipelined commands in the order
/// received) and enforces each request's deadline.
///
/// Any failure of the stream (a malformed or oversized reply, a reply nobody asked for, a missed
/// deadline, an I/O error) fails every pending request and closes the channel: after that the stream
/// cannot be trusted to be in step, and a fresh connection is the cheapest way to find out whether
/// Redis is back. All state is touched on the channel's event loop only.
final class RedisChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = RedisRequest
    typealias OutboundOut = ByteBuffer

    private struct Pending {
        let id: UInt64
        let command: String
        let promise: EventLoopPromise<RESPValue>
        let timeout: Scheduled<Void>?
    }

    private var decoder: RESPDecoder
    private var received: ByteBuffer?
    private var pending = CircularBuffer<Pending>()
    private var nextID: UInt64 = 0
    private var failure: RedisError?
    private var context: ChannelHandlerContext?
    private let health: RedisConnectionHealth

    init(limits: RedisReplyLimits, health: RedisConnectionHealth) {
        self.decoder = RESPDecoder(limits: limits)
        self.health = health
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.fail(RedisError(.connectionClosed, "the connection closed before the reply arrived"))
        self.context = nil
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = self.unwrapOutboundIn(data)
        if let failure = self.failure {
            request.promise.fail(failure.naming(request.command.name))
            promise?.fail(failure)
            return
        }
        var buffer = context.channel.allocator.buffer(capacity: 64)
        if request.asking {
            // Its reply (OK) is read and dropped; an error shows in the command's own reply.
            RESPEncoder.encode(RedisCommand("ASKING"), into: &buffer)
            let asking = context.eventLoop.makePromise(of: RESPValue.self)
            self.pending.append(Pending(id: self.nextID, command: "ASKING", promise: asking, timeout: nil))
            self.nextID &+= 1
        }
        RESPEncoder.encode(request.command, into: &buffer)
        let id = self.nextID
        self.nextID &+= 1
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        let timeout = context.eventLoop.scheduleTask(deadline: request.deadline) {
            handler.value.timedOut(id: id)
        }
        self.pending.append(Pending(id: id, command: request.command.name, promise: request.promise, timeout: timeout))
        context.writeAndFlush(self.wrapOutboundOut(buffer), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = self.unwrapInboundIn(data)
        if var received = self.received {
            self.received = nil
            received.writeBuffer(&incoming)
            self.received = received
        } else {
            self.received = incoming
        }
        guard var buffer = self.received else { return }
        self.received = nil
        do {
            while let value = try self.decoder.decode(&buffer) {
                if case .push = value { continue }  // out-of-band; never a command's reply
                guard let request = self.pending.popFirst() else {
                    throw RedisError(.protocolError, "a reply arrived that no command was waiting for")
                }
                request.timeout?.cancel()
                request.promise.succeed(value)
            }
        } catch let error as RedisError {
            self.fail(error)
            context.close(promise: nil)
            return
        } catch {
            self.fail(RedisError(.protocolError, "the reply could not be read"))
            context.close(promise: nil)
            return
        }
        if buffer.readableBytes > 0 {
            buffer.discardReadBytes()
            self.received = buffer
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.fail(RedisError(.connectionClosed, "the connection closed before the reply arrived"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.fail(RedisError(.connectionClosed, "the connection failed (\(type(of: error)))"))
        context.close(promise: nil)
    }

    private func timedOut(id: UInt64) {
        guard self.pending.contains(where: { $0.id == id }) else { return }
        self.fail(RedisError(.timeout, "no reply before the deadline; the connection was closed"))
        self.context?.close(promise: nil)
    }

    /// Fails every pending request and every later one with `error`.
    private func fail(_ error: RedisError) {
        if self.failure == nil {
            self.failure = error
            self.health.markFailed()
        }
        while let request = self.pending.popFirst() {
            request.timeout?.cancel()
            request.promise.fail(error.naming(request.command))
        }
    }
}
