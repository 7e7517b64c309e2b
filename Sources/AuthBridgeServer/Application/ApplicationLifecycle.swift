import AuthBridgeCore
import ServiceLifecycle

/// What the integrations of an ``AuthBridgeApplication`` leave to run and to stop: the brokers' background
/// refresh, and every shutdown in the order the parts were made.
struct ApplicationLifecycle: Sendable {
    private(set) var services: [any Service] = []
    private(set) var shutdowns: [@Sendable () async -> Void] = []

    /// Runs `broker`'s refresh in the service group and stops it at shutdown.
    mutating func run<Key, C>(_ broker: TokenBroker<Key, C>) {
        self.services.append(broker)
        self.shutdowns.append { await broker.shutdown() }
    }

    /// Calls `shutdown` at the application's shutdown.
    mutating func onShutdown(_ shutdown: @escaping @Sendable () async -> Void) {
        self.shutdowns.append(shutdown)
    }
}
