import Synchronization

/// A readiness check that passes for good once a probe has succeeded once: "ready after the first
/// Genesys token is in the cache".
///
/// ```swift
/// let genesys = broker.handle(for: genesysClient)
/// let latch = ReadinessLatch { _ = try await genesys.token() }   // the broker fetches once, then hits
/// let server = AuthBridgeHTTPServer(configuration: configuration, readiness: latch.isReady, logger: logger) { … }
/// ```
///
/// Until the probe succeeds, every readiness question runs it (the broker's single flight keeps a burst
/// of probes to one fetch); after that the answer is a load of one atomic flag. Later token failures do
/// not make the server unready: the broker keeps serving its valid token and reports failures itself.
public final class ReadinessLatch: Sendable {
    private let probe: @Sendable () async throws -> Void
    private let ready = Atomic<Bool>(false)

    /// Creates a latch.
    /// - Parameter probe: Succeeds when the server may take traffic; its error is not logged or kept.
    public init(_ probe: @escaping @Sendable () async throws -> Void) {
        self.probe = probe
    }

    /// Whether the probe has succeeded, running it if it has not yet.
    /// - Returns: `true` from the first success on.
    @Sendable public func isReady() async -> Bool {
        if self.ready.load(ordering: .acquiring) { return true }
        do {
            try await self.probe()
        } catch {
            return false
        }
        self.ready.store(true, ordering: .releasing)
        return true
    }
}
