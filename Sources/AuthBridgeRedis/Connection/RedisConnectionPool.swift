import AuthBridgeCore
import Logging
import Metrics
import NIOCore
import Synchronization

/// A few shared connections, opened on demand and reopened after failures with backoff.
///
/// Commands share connections (Redis answers pipelined commands in order), so the pool never makes a
/// command queue for a free connection. Each slot is idle, connecting, connected or backing off after
/// a failed attempt; a command goes to the next slot in turn and, when that one backs off, to any
/// connected one, else it fails at once. There is no background reconnect loop: the first command
/// after a backoff reconnects, so an idle client costs nothing and a restarted Redis is found again.
final class RedisConnectionPool: Sendable {
    private enum Slot {
        case idle(failures: Int)
        case connecting(EventLoopFuture<RedisConnection>)
        case connected(RedisConnection)
        case backingOff(until: NIODeadline, failures: Int, error: RedisError)
    }

    private struct State {
        var slots: [Slot]
        var next = 0
        var isShutDown = false
    }

    private enum Action {
        case use(RedisConnection)
        case wait(EventLoopFuture<RedisConnection>)
        case connect(slot: Int, failures: Int, promise: EventLoopPromise<RedisConnection>)
        case fail(RedisError)
    }

    private let configuration: RedisClient.Configuration
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let metrics: RedisMetrics
    private let state: Mutex<State>

    init(configuration: RedisClient.Configuration, eventLoopGroup: any EventLoopGroup, logger: Logger, metrics: RedisMetrics) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.metrics = metrics
        self.state = Mutex(State(slots: Array(repeating: .idle(failures: 0), count: configuration.connectionCount)))
    }

    /// A connected connection, waiting at most for one connection attempt.
    func connection() async throws(RedisError) -> RedisConnection {
        let now = NIODeadline.now()
        let action = self.state.withLock { state -> Action in
            guard !state.isShutDown else { return .fail(.shutDown) }
            let count = state.slots.count
            let first = state.next % count
            state.next = (first + 1) % count
            if let action = self.claim(&state, slot: first, now: now) { return action }
            // The chosen slot is backing off: any other live connection will do.
            for offset in 1..<max(count, 1) {
                let index = (first + offset) % count
                if case .connected(let connection) = state.slots[index], connection.isActive { return .use(connection) }
            }
            for offset in 1..<max(count, 1) {
                if let action = self.claim(&state, slot: (first + offset) % count, now: now) { return action }
            }
            if case .backingOff(_, _, let error) = state.slots[first] { return .fail(error) }
            return .fail(RedisError(.connectionFailed, "no Redis connection is available"))
        }
        switch action {
        case .use(let connection):
            return connection
        case .fail(let error):
            throw error
        case .wait(let future):
            return try await Self.connection(from: future)
        case .connect(let slot, let failures, let promise):
            self.startConnecting(slot: slot, failures: failures, promise: promise)
            return try await Self.connection(from: promise.futureResult)
        }
    }

    /// What slot `index` can do now, or `nil` while it backs off.
    private func claim(_ state: inout State, slot index: Int, now: NIODeadline) -> Action? {
        let failures: Int
        switch state.slots[index] {
        case .connected(let connection) where connection.isActive:
            return .use(connection)
        case .connected:
            failures = 0
        case .connecting(let future):
            return .wait(future)
        case .idle(let count):
            failures = count
        case .backingOff(let until, let count, _):
            guard until <= now else { return nil }
            failures = count
        }
        let promise = self.eventLoopGroup.next().makePromise(of: RedisConnection.self)
        state.slots[index] = .connecting(promise.futureResult)
        return .connect(slot: index, failures: failures, promise: promise)
    }

    private func startConnecting(slot: Int, failures: Int, promise: EventLoopPromise<RedisConnection>) {
        let configuration = self.configuration
        let group = self.eventLoopGroup
        promise.completeWithTask {
            try await RedisConnection.connect(
                configuration: configuration,
                eventLoopGroup: group,
                deadline: .now() + .nanoseconds(configuration.connectTimeout.saturatingNanoseconds)
            )
        }
        promise.futureResult.whenComplete { result in
            let error: RedisError?
            switch result {
            case .success: error = nil
            case .failure(let failure): error = (failure as? RedisError) ?? RedisError(.connectionFailed, "connecting failed")
            }
            let closeNow = self.state.withLock { state -> Bool in
                if state.isShutDown { return true }
                switch result {
                case .success(let connection):
                    state.slots[slot] = .connected(connection)
                case .failure:
                    let delay = self.configuration.reconnectBackoff.delay(afterFailures: failures + 1)
                    state.slots[slot] = .backingOff(
                        until: .now() + .nanoseconds(delay.saturatingNanoseconds),
                        failures: failures + 1,
                        error: error ?? RedisError(.connectionFailed, "connecting failed")
                    )
                }
                return false
            }
            if let error {
                self.metrics.connectFailures.increment()
                // A warning when the slot first fails; the attempts that follow it (up to one per backoff,
                // for as long as Redis is down) at debug, so an outage is not a flood of warnings.
                self.logger.log(
                    level: failures == 0 ? .warning : .debug,
                    "Redis connection failed; commands fail fast until the next attempt",
                    metadata: ["authbridge.redis.error": "\(error)", "authbridge.redis.failures": "\(failures + 1)"]
                )
            } else {
                self.metrics.connects.increment()
                if failures > 0 { self.logger.notice("Redis connection restored") }
            }
            if closeNow, case .success(let connection) = result { connection.close() }
        }
    }

    /// Takes every open connection out of use (the next commands connect again), as after Redis said
    /// the address no longer leads to the primary.
    func retireConnections() {
        let connections = self.state.withLock { state in
            state.slots.compactMap { slot -> RedisConnection? in
                if case .connected(let connection) = slot { connection } else { nil }
            }
        }
        for connection in connections { connection.retire() }
    }

    /// Closes every connection; later commands fail with ``RedisError/Code/shutDown``.
    func shutdown() async {
        let slots = self.state.withLock { state in
            state.isShutDown = true
            return state.slots
        }
        for slot in slots {
            switch slot {
            case .connected(let connection):
                connection.close()
                try? await connection.channel.closeFuture.get()
            case .connecting(let future):
                if let connection = try? await future.get() {
                    connection.close()
                    try? await connection.channel.closeFuture.get()
                }
            case .idle, .backingOff:
                break
            }
        }
    }

    private static func connection(from future: EventLoopFuture<RedisConnection>) async throws(RedisError) -> RedisConnection {
        do {
            return try await future.get()
        } catch let error as RedisError {
            throw error
        } catch {
            throw RedisError(.connectionFailed, "connecting failed (\(type(of: error)))")
        }
    }
}
