extension TokenBroker {
    /// The synchronous state of one key: the current token, the one flight (fetch or refresh) in progress,
    /// the callers waiting for it and a remembered failure.
    ///
    /// The broker calls it under the slot's lock; each method returns what to do after unlocking (resume
    /// waiters, start a flight, sleep before a retry). It performs no I/O and reads no clock, so tests
    /// drive it with plain values. `Waiter` is a continuation in the broker and anything in tests.
    struct StateMachine<Waiter> {
        typealias Instant = C.Instant

        /// Shared by every slot of a broker, so each slot holds one reference instead of a copy.
        final class Policy: Sendable {
            let refreshAheadFraction: Double
            let refreshAheadMargin: Duration
            let refreshJitter: Double
            let expirySafetyMargin: Duration
            let maximumAttempts: Int
            let retry: RetryPolicy
            let permanentFailureCacheDuration: Duration

            init(_ configuration: Configuration) {
                self.refreshAheadFraction = min(max(configuration.refreshAheadFraction, 0), 1)
                self.refreshAheadMargin = max(configuration.refreshAheadMargin, .zero)
                self.refreshJitter = min(max(configuration.refreshJitter, 0), 1)
                self.expirySafetyMargin = max(configuration.expirySafetyMargin, .zero)
                self.maximumAttempts = max(configuration.retry.maximumAttempts, 1)
                self.retry = configuration.retry
                self.permanentFailureCacheDuration = max(configuration.permanentFailureCacheDuration, .zero)
            }
        }

        struct Current {
            var token: AccessToken
            var refreshAt: Instant
            var expiresAt: Instant
        }

        struct Flight {
            /// Whether a valid token existed when the flight started.
            var isRefresh: Bool
            var attempts: Int
        }

        struct Failure {
            var error: AuthBridgeError
            var until: Instant
        }

        enum ServeAction {
            /// Hand out `token`; cache it in the read stripes at `version` until `checkAt`.
            case token(AccessToken, checkAt: Instant, version: UInt64, startRefresh: Bool)
            case fail(AuthBridgeError)
            /// No valid token: the caller must wait for a flight.
            case wait
        }

        enum EnqueueAction {
            case resume(Waiter, Result<AccessToken, any Error>, startRefresh: Bool)
            case waiting(startFetch: Bool)
        }

        enum SuccessAction {
            case publish(AccessToken, waiters: [Waiter])
            case reject(FailureAction)
            /// The broker shut down while the flight ran; drop the token.
            case ignore
        }

        enum FailureAction {
            case retry(after: Duration, error: AuthBridgeError)
            case finish(AuthBridgeError, waiters: [Waiter])
        }

        let key: Key
        let policy: Policy
        private(set) var current: Current?
        private(set) var flight: Flight?
        private(set) var failure: Failure?
        /// Bumped whenever what a read stripe may hold changes; stripes with an older version refill.
        private(set) var version: UInt64 = 1
        private(set) var isShutDown = false
        /// Whether any caller has asked this slot for a token yet.
        private(set) var hasServed = false
        private var waiters: [UInt64: Waiter] = [:]

        /// - Parameter version: The first version; brokers that reuse slot indexes start each slot in its
        ///   own range, so a stale stripe entry of an evicted slot never matches a new one.
        init(key: Key, policy: Policy, version: UInt64 = 1) {
            self.key = key
            self.policy = policy
            self.version = version
        }

        /// How willing the slot is to be evicted: `nil` while a flight runs or callers wait (never evict
        /// then), otherwise when its token stops being valid (`nil` inside means: holds none now).
        func evictionRank(now: Instant) -> EvictionRank? {
            // A slot nobody has asked yet was just resolved by a caller about to ask: keep it.
            guard self.hasServed, self.flight == nil, self.waiters.isEmpty, !self.isShutDown else { return nil }
            if let failure = self.failure, now < failure.until {
                // A remembered failure is a negative cache entry: keep it about as long as a valid token.
                return EvictionRank(validUntil: failure.until)
            }
            guard let current = self.current, now < current.expiresAt else { return EvictionRank(validUntil: nil) }
            return EvictionRank(validUntil: current.expiresAt)
        }

        struct EvictionRank {
            /// Until when the slot still serves something; `nil` when it serves nothing now.
            var validUntil: Instant?
        }

        var waiterCount: Int { self.waiters.count }

        /// A caller asks for the token.
        mutating func serve(now: Instant) -> ServeAction {
            self.hasServed = true
            if self.isShutDown { return .fail(.shutDown(key: self.key.description)) }
            if let current = self.current {
                if now < current.expiresAt {
                    return self.serveValid(current, now: now)
                }
                // Expired: never hand it out again, and do not keep the secret in memory.
                self.current = nil
            }
            if let failure = self.failure, now < failure.until {
                return .fail(failure.error)
            }
            return .wait
        }

        private mutating func serveValid(_ current: Current, now: Instant) -> ServeAction {
            if now < current.refreshAt {
                return .token(current.token, checkAt: current.refreshAt, version: self.version, startRefresh: false)
            }
            if self.flight != nil {
                return .token(current.token, checkAt: current.expiresAt, version: self.version, startRefresh: false)
            }
            if let failure = self.failure, now < failure.until {
                // A permanent failure blocks refreshing for a while; keep serving the valid token.
                let checkAt = min(failure.until, current.expiresAt)
                return .token(current.token, checkAt: checkAt, version: self.version, startRefresh: false)
            }
            self.flight = Flight(isRefresh: true, attempts: 0)
            return .token(current.token, checkAt: current.expiresAt, version: self.version, startRefresh: true)
        }

        /// A caller that found no valid token registers to wait; re-checks first, since the state may have
        /// changed since ``serve(now:)``.
        mutating func enqueue(id: UInt64, waiter: Waiter, now: Instant, isCancelled: Bool) -> EnqueueAction {
            if isCancelled {
                return .resume(waiter, .failure(CancellationError()), startRefresh: false)
            }
            switch self.serve(now: now) {
            case .token(let token, _, _, let startRefresh):
                return .resume(waiter, .success(token), startRefresh: startRefresh)
            case .fail(let error):
                return .resume(waiter, .failure(error), startRefresh: false)
            case .wait:
                self.waiters[id] = waiter
                if self.flight == nil {
                    self.flight = Flight(isRefresh: false, attempts: 0)
                    return .waiting(startFetch: true)
                }
                return .waiting(startFetch: false)
            }
        }

        /// A waiting caller was cancelled: it stops waiting; the flight goes on for the others.
        mutating func cancel(id: UInt64) -> Waiter? {
            self.waiters.removeValue(forKey: id)
        }

        /// The flight is about to call the provider. Returns the attempt number and whether a valid token
        /// existed when the flight started, or `nil` when the flight must stop.
        mutating func beginAttempt() -> (attempt: Int, isRefresh: Bool)? {
            guard !self.isShutDown, var flight = self.flight else { return nil }
            flight.attempts += 1
            self.flight = flight
            return (flight.attempts, flight.isRefresh)
        }

        /// The provider returned `token` for a call that started at `startedAt`.
        /// - Parameter jitter: A random number in `0..<1` that spreads the refresh time.
        mutating func succeeded(token: AccessToken, startedAt: Instant, now: Instant, jitter: Double) -> SuccessAction {
            guard !self.isShutDown, self.flight != nil else { return .ignore }
            let lifetime = token.expiresIn
            let margin = min(self.policy.expirySafetyMargin, lifetime / 2)
            // Count from the start of the call: the token's clock started at the latest then.
            let expiresAt = startedAt.advanced(by: lifetime - margin)
            guard lifetime > .zero, now < expiresAt else {
                let error = AuthBridgeError(
                    .tokenExpiredOnArrival,
                    kind: .transient,
                    reason: "the provider returned a token with no usable lifetime left (expires in \(lifetime))",
                    key: self.key.description,
                    attempts: self.flight?.attempts
                )
                return .reject(self.failed(error: error, kind: .transient, retryAfter: nil, now: now, jitter: jitter))
            }
            let usable = lifetime - margin
            let ahead = min(max(usable * self.policy.refreshAheadFraction, self.policy.refreshAheadMargin), usable / 2)
            let spread = usable * (self.policy.refreshJitter * min(max(jitter, 0), 1))
            let refreshAt = expiresAt.advanced(by: .zero - ahead - spread)
            self.current = Current(token: token, refreshAt: max(refreshAt, startedAt), expiresAt: expiresAt)
            self.flight = nil
            self.failure = nil
            self.version &+= 1
            return .publish(token, waiters: self.drainWaiters())
        }

        /// The provider call failed.
        /// - Parameters:
        ///   - error: What the provider threw (or the broker's own error).
        ///   - kind: Whether retrying may help.
        ///   - retryAfter: The provider's hint, if any.
        ///   - now: The time the call ended.
        ///   - jitter: A random number in `0..<1` for the backoff.
        mutating func failed(
            error: any Error,
            kind: FailureKind,
            retryAfter: Duration?,
            now: Instant,
            jitter: Double
        ) -> FailureAction {
            let attempts = self.flight?.attempts ?? 0
            let wrapped: AuthBridgeError
            if let own = error as? AuthBridgeError, own.code == .tokenExpiredOnArrival || own.code == .shutDown {
                wrapped = own
            } else {
                wrapped = AuthBridgeError(
                    .tokenFetchFailed,
                    kind: kind,
                    reason: "the token provider failed",
                    key: self.key.description,
                    retryAfter: retryAfter,
                    attempts: attempts,
                    underlying: error
                )
            }
            guard !self.isShutDown, self.flight != nil else {
                return .finish(.shutDown(key: self.key.description), waiters: self.drainWaiters())
            }
            let validUntil = self.current.flatMap { now < $0.expiresAt ? $0.expiresAt : nil }
            if kind == .transient, validUntil != nil || attempts < self.policy.maximumAttempts {
                var delay = self.backoff(attempt: attempts, jitter: jitter)
                if let validUntil {
                    // Retry no later than expiry, so callers do not wait out a long backoff after it.
                    delay = min(delay, now.duration(to: validUntil))
                }
                if let retryAfter {
                    delay = max(delay, retryAfter)
                }
                return .retry(after: delay, error: wrapped)
            }
            self.flight = nil
            self.version &+= 1
            if kind == .permanent {
                self.failure = Failure(error: wrapped, until: now.advanced(by: self.policy.permanentFailureCacheDuration))
            } else if let retryAfter, retryAfter > .zero {
                self.failure = Failure(error: wrapped, until: now.advanced(by: retryAfter))
            } else {
                self.failure = nil
            }
            return .finish(wrapped, waiters: self.drainWaiters())
        }

        /// Full jitter: a random fraction of the exponential ceiling for this attempt.
        func backoff(attempt: Int, jitter: Double) -> Duration {
            self.policy.retry.backoff(afterAttempt: attempt, random: jitter)
        }

        /// The server rejected `token` (for example with 401): stop handing it out.
        mutating func invalidate(_ token: AccessToken) -> Bool {
            guard let current = self.current, current.token == token else { return false }
            self.current = nil
            self.version &+= 1
            return true
        }

        /// The broker shuts down: forget the token, stop the flight, release every waiter.
        mutating func shutDown() -> [Waiter] {
            self.isShutDown = true
            self.current = nil
            self.failure = nil
            self.flight = nil
            self.version &+= 1
            return self.drainWaiters()
        }

        private mutating func drainWaiters() -> [Waiter] {
            guard !self.waiters.isEmpty else { return [] }
            let waiters = Array(self.waiters.values)
            self.waiters.removeAll()
            return waiters
        }
    }
}
