import Synchronization

/// Per-client token buckets behind one lock; see ``Configuration`` for the rate and the memory bound.
///
/// The lock is held only for a dictionary lookup and a few floating-point operations; nothing awaits
/// under it.
public final class ClientRateLimiter: Sendable {
    /// The limiter's rate and bounds.
    public let configuration: Configuration
    private let state: Mutex<StateMachine>
    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant

    /// Creates a limiter.
    /// - Parameter configuration: The rate and bounds.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.state = Mutex(StateMachine(configuration: configuration))
        self.origin = self.clock.now
    }

    /// Takes one token for `client`.
    /// - Parameter client: The client's key, for example its IP address.
    /// - Returns: `nil` when admitted, or how long until the client may try again.
    public func acquire(for client: String) -> Duration? {
        let now = Self.seconds(self.origin.duration(to: self.clock.now))
        let decision = self.state.withLock { $0.acquire(client, now: now) }
        switch decision {
        case .admit: return nil
        case .refuse(let retryAfter): return .nanoseconds(Int64(min(retryAfter, 86_400) * 1e9))
        }
    }

    /// How many clients the limiter currently remembers.
    public var clientCount: Int { self.state.withLock { $0.clientCount } }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}
