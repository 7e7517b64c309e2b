public import Logging
public import Metrics
import Synchronization

/// Hands out access tokens for keys: from memory when it can, from the provider once when it must.
///
/// Every widget start asks the broker for a service credential, thousands of times a second, while the
/// token endpoint behind the ``TokenProvider`` is rate-limited and sometimes slow or down. So:
///
/// - **Cache hits are nearly free.** Resolve a key once with ``handle(for:)`` and keep the ``Handle``;
///   its ``Handle/token()`` hashes nothing, does not allocate and does not hop to an actor.
/// - **Single flight.** However many callers miss at once, one provider call runs; all of them get its
///   token or its error. A cancelled caller stops waiting; the call goes on for the others.
/// - **Refresh ahead.** Near the end of a token's life one background refresh starts while callers keep
///   getting the current token.
/// - **Failures.** Transient failures are retried with exponential backoff and full jitter, honouring
///   retry-after; callers keep the valid token meanwhile, never past its expiry. Permanent failures are
///   remembered briefly. See <doc:BrokerRefreshAndFailurePolicy>.
///
/// The broker logs through the logger you pass (never a token) and reports swift-metrics counters and a
/// timer through the factory you pass. Run it as a swift-service-lifecycle `Service`, or call
/// ``shutdown()``: either way no background task outlives it.
///
/// ```swift
/// let broker = TokenBroker(provider: provider, logger: logger)
/// let handle = broker.handle(for: clientKey)   // resolve once and keep it
/// let token = try await handle.token()          // cache hit: ~20 ns, no allocation, no actor hop
/// ```
public final class TokenBroker<Key: Hashable & Sendable & CustomStringConvertible, C: Clock>: Sendable
where C.Duration == Duration {
    @usableFromInline let clock: C
    @usableFromInline let stripes: ReadStripes<C.Instant>
    let provider: any TokenProvider<Key>
    let cache: (any TokenCache<Key>)?
    let coordinator: (any SharedFetchCoordinator<Key>)?
    let configuration: Configuration
    let policy: StateMachine<Slot.Waiter>.Policy
    let logger: Logger
    let metrics: BrokerMetrics
    let random: @Sendable () -> Double
    private let slots = Mutex(SlotTable())
    private let flights = Mutex(FlightRegistry())
    private let waiterIDs = Atomic<UInt64>(0)
    private let reportedHits = Mutex(0)

    /// Creates a broker.
    /// - Parameters:
    ///   - provider: Fetches tokens.
    ///   - cache: A second-level cache shared with other instances (for example Redis), read before a fetch
    ///     when no token is held and written after each fetch. `nil` keeps tokens in this process only.
    ///   - coordinator: Shares one provider call per key between broker instances in different processes
    ///     (see ``SharedFetchCoordinator``). When set, it reads and writes the shared store itself and
    ///     `cache` is not consulted. `nil` (the default) fetches in this process.
    ///   - configuration: Refresh and failure policy.
    ///   - clock: The time source; tests pass a manual clock.
    ///   - logger: Where the broker logs; it never logs a token.
    ///   - metricsFactory: Where counters and the provider-latency timer go.
    public convenience init(
        provider: some TokenProvider<Key>,
        cache: (any TokenCache<Key>)? = nil,
        coordinator: (any SharedFetchCoordinator<Key>)? = nil,
        configuration: Configuration = Configuration(),
        clock: C,
        logger: Logger,
        metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) {
        self.init(
            provider: provider,
            cache: cache,
            coordinator: coordinator,
            configuration: configuration,
            clock: clock,
            logger: logger,
            metricsFactory: metricsFactory,
            random: { Double.random(in: 0..<1) }
        )
    }

    init(
        provider: some TokenProvider<Key>,
        cache: (any TokenCache<Key>)?,
        coordinator: (any SharedFetchCoordinator<Key>)? = nil,
        configuration: Configuration,
        clock: C,
        logger: Logger,
        metricsFactory: any MetricsFactory,
        random: @escaping @Sendable () -> Double
    ) {
        self.clock = clock
        self.stripes = ReadStripes(minimumCount: max(4, 2 * ThreadIndex.processorCount))
        self.provider = provider
        self.cache = cache
        self.coordinator = coordinator
        self.configuration = configuration
        self.policy = StateMachine<Slot.Waiter>.Policy(configuration)
        var logger = logger
        logger[metadataKey: "authbridge.broker"] = "\(configuration.name)"
        self.logger = logger
        self.metrics = BrokerMetrics(name: configuration.name, factory: metricsFactory)
        self.random = random
    }

    /// Resolves `key` once, for a handle to keep and ask for tokens.
    ///
    /// By default the broker keeps one slot per key for its whole life, so keys should be few and
    /// long-lived, such as OAuth clients. With ``Configuration/maximumKeys`` set, it evicts idle slots to
    /// stay within the bound (see there). Asking twice for the same key returns handles to the same slot
    /// unless it was evicted in between.
    /// - Parameter key: The key; its `description` appears in logs and errors.
    /// - Returns: The handle.
    public func handle(for key: Key) -> Handle {
        var evicted: [Int] = []
        let slot = self.slots.withLock { table in
            if let slot = table.byKey[key] { return slot }
            if let maximum = self.configuration.maximumKeys, table.byKey.count >= max(maximum, 1) {
                evicted = self.evict(from: &table, toFit: max(maximum, 1))
            }
            let index: Int
            if let reused = table.freeIndexes.popLast() {
                index = reused
            } else {
                index = table.nextIndex
                table.nextIndex += 1
            }
            table.generation &+= 1
            let slot = Slot(key: key, index: index, policy: self.policy, version: table.generation << 32 | 1)
            table.byKey[key] = slot
            return slot
        }
        if !evicted.isEmpty { self.metrics.evictions.increment(by: Int64(evicted.count)) }
        return Handle(slot: slot, broker: self)
    }

    /// Removes idle slots until a tenth of the bound is free, so the scan runs once per tenth of the
    /// bound new keys rather than on every new key: every slot that serves nothing now, then the idle
    /// slots whose tokens (or remembered failures) expire first. Slots with a flight or waiters, and
    /// slots not yet asked for a token (a caller is about to), are never evicted, so the table may
    /// briefly exceed the bound when all are busy.
    private func evict(from table: inout SlotTable, toFit maximum: Int) -> [Int] {
        let now = self.clock.now
        let target = max(maximum - max(maximum / 10, 1), 0)
        var empty: [Key] = []
        var serving: [(key: Key, until: C.Instant)] = []
        for (key, slot) in table.byKey {
            guard let rank = slot.withState({ $0.evictionRank(now: now) }) else { continue }
            if let until = rank.validUntil { serving.append((key, until)) } else { empty.append(key) }
        }
        var victims = empty
        let surplus = table.byKey.count - victims.count - target
        if surplus > 0 {
            serving.sort { $0.until < $1.until }
            victims += serving.prefix(surplus).map(\.key)
        }
        var indexes: [Int] = []
        for key in victims {
            guard let slot = table.byKey.removeValue(forKey: key) else { continue }
            // Forget the token now; a handle someone still holds works on alone, in its own version range.
            self.stripes.clear(index: slot.index)
            table.freeIndexes.append(slot.index)
            indexes.append(slot.index)
        }
        return indexes
    }

    /// How many keys have a slot now; for tests.
    var slotCount: Int {
        self.slots.withLock { $0.byKey.count }
    }

    /// A valid token for `key`. Hashes the key on every call: prefer keeping a ``Handle``.
    /// - Parameter key: The key.
    /// - Returns: A token that has not expired.
    /// - Throws: ``AuthBridgeError``, or `CancellationError` if the task was cancelled while waiting.
    nonisolated(nonsending) public func token(for key: Key) async throws -> AccessToken {
        try await self.handle(for: key).token()
    }

    /// Stops all background work: cancels running fetches and refreshes and waits for them, fails waiting
    /// callers with ``AuthBridgeError/Code/shutDown`` and forgets every token. Later calls fail the same way.
    public func shutdown() async {
        let running = self.flights.withLock { registry in
            registry.isShutDown = true
            return Array(registry.tasks.values)
        }
        let slots = self.slots.withLock { Array($0.byKey.values) }
        for slot in slots {
            let waiters = slot.withState { $0.shutDown() }
            for waiter in waiters {
                waiter.resume(throwing: AuthBridgeError.shutDown(key: slot.key.description))
            }
        }
        self.stripes.clear()
        for task in running { task.cancel() }
        for task in running { await task.value }
        self.reportHits()
        self.logger.debug("token broker shut down")
    }

    /// How many flight tasks are running; for tests.
    var runningFlights: Int {
        self.flights.withLock { $0.tasks.count }
    }

    /// Reports hits counted in the read stripes since the last report.
    func reportHits() {
        self.reportedHits.withLock { reported in
            let total = self.stripes.totalHits()
            if total > reported {
                self.metrics.hits.increment(by: Int64(total - reported))
                reported = total
            }
        }
    }

    // MARK: - Slow path

    /// No usable entry in this thread's stripe: ask the state machine.
    @usableFromInline
    func slowToken(_ slot: Slot) async throws -> AccessToken {
        let now = self.clock.now
        switch slot.withState({ $0.serve(now: now) }) {
        case .token(let token, let checkAt, let version, let startRefresh):
            if startRefresh { self.startFlight(slot) }
            self.metrics.hits.increment()
            self.stripes.store(index: slot.index, version: version, token: token, checkAt: checkAt)
            return token
        case .fail(let error):
            throw error
        case .wait:
            return try await self.wait(for: slot)
        }
    }

    private func wait(for slot: Slot) async throws -> AccessToken {
        let id = self.waiterIDs.wrappingAdd(1, ordering: .relaxed).newValue
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: Slot.Waiter) in
                let now = self.clock.now
                let action = slot.withState {
                    $0.enqueue(id: id, waiter: continuation, now: now, isCancelled: Task.isCancelled)
                }
                switch action {
                case .resume(let waiter, let result, let startRefresh):
                    if startRefresh { self.startFlight(slot) }
                    waiter.resume(with: result)
                case .waiting(let startFetch):
                    self.metrics.misses.increment()
                    if startFetch { self.startFlight(slot) }
                }
            }
        } onCancel: {
            if let waiter = slot.withState({ $0.cancel(id: id) }) {
                waiter.resume(throwing: CancellationError())
            }
        }
    }

    // MARK: - Flights

    /// Runs one fetch or refresh for `slot` in a task the broker owns, so no caller's cancellation reaches it.
    private func startFlight(_ slot: Slot) {
        let started = self.flights.withLock { registry -> Bool in
            guard !registry.isShutDown else { return false }
            let id = registry.nextID
            registry.nextID &+= 1
            registry.tasks[id] = Task {
                await self.runFlight(slot)
                self.flights.withLock { _ = $0.tasks.removeValue(forKey: id) }
            }
            return true
        }
        if !started {
            for waiter in slot.withState({ $0.shutDown() }) {
                waiter.resume(throwing: AuthBridgeError.shutDown(key: slot.key.description))
            }
        }
    }

    private func runFlight(_ slot: Slot) async {
        var logger = self.logger
        logger[metadataKey: "authbridge.key"] = "\(slot.key)"
        while let (attempt, isRefresh) = slot.withState({ $0.beginAttempt() }) {
            if attempt == 1, isRefresh { self.metrics.refreshes.increment() }
            logger.debug(
                isRefresh ? "refreshing token" : "fetching token",
                metadata: ["authbridge.attempt": "\(attempt)"]
            )
            let startedAt = self.clock.now
            var fromCache = false
            let outcome: Result<AccessToken, any Error>
            if let coordinator = self.coordinator {
                let providerCalled: Bool
                (outcome, providerCalled) = await self.coordinatedFetch(slot, isRefresh: isRefresh, coordinator: coordinator)
                fromCache = !providerCalled
            } else if attempt == 1, !isRefresh, let cached = await self.readCache(slot.key, logger: logger) {
                outcome = .success(cached)
                fromCache = true
            } else {
                outcome = await self.callProvider(slot.key)
            }
            let now = self.clock.now
            if !fromCache {
                self.metrics.providerDuration.recordNanoseconds(startedAt.duration(to: now).saturatingNanoseconds)
            }
            if Task.isCancelled {
                self.failAll(slot, logger: logger)
                return
            }
            let failure: StateMachine<Slot.Waiter>.FailureAction
            switch outcome {
            case .success(let token):
                switch slot.withState({ $0.succeeded(token: token, startedAt: startedAt, now: now, jitter: self.random()) }) {
                case .publish(let token, let waiters):
                    for waiter in waiters { waiter.resume(returning: token) }
                    logger.debug("token ready", metadata: ["authbridge.expires_in_s": "\(token.expiresIn.components.seconds)"])
                    if !fromCache, self.coordinator == nil { await self.writeCache(token, for: slot.key, logger: logger) }
                    self.reportHits()
                    return
                case .ignore:
                    return
                case .reject(let action):
                    failure = action
                }
            case .failure(let error):
                let (kind, retryAfter) = Self.classify(error)
                self.metrics.failures(kind).increment()
                failure = slot.withState {
                    $0.failed(error: error, kind: kind, retryAfter: retryAfter, now: now, jitter: self.random())
                }
            }
            switch failure {
            case .retry(let delay, let error):
                logger.warning(
                    "token fetch failed, will retry",
                    metadata: [
                        "authbridge.attempt": "\(attempt)",
                        "authbridge.failure_kind": "\(error.kind)",
                        "authbridge.retry_in_ms": "\(delay.saturatingNanoseconds / 1_000_000)",
                        "authbridge.error": "\(error)",
                    ]
                )
                do {
                    try await self.clock.sleep(until: now.advanced(by: delay), tolerance: nil)
                } catch {
                    self.failAll(slot, logger: logger)
                    return
                }
            case .finish(let error, let waiters):
                logger.error(
                    "token fetch failed",
                    metadata: [
                        "authbridge.attempt": "\(attempt)",
                        "authbridge.failure_kind": "\(error.kind)",
                        "authbridge.waiters": "\(waiters.count)",
                        "authbridge.error": "\(error)",
                    ]
                )
                for waiter in waiters { waiter.resume(throwing: error) }
                self.reportHits()
                return
            }
        }
    }

    /// The flight was cancelled by ``shutdown()``.
    private func failAll(_ slot: Slot, logger: Logger) {
        let waiters = slot.withState { $0.shutDown() }
        for waiter in waiters {
            waiter.resume(throwing: AuthBridgeError.shutDown(key: slot.key.description))
        }
        logger.debug("token flight stopped by shutdown")
    }

    private func callProvider(_ key: Key) async -> Result<AccessToken, any Error> {
        do {
            return .success(try await self.provider.fetchToken(for: key))
        } catch {
            return .failure(error)
        }
    }

    /// Asks the coordinator; `providerCalled` says whether this process called the provider.
    private func coordinatedFetch(
        _ slot: Slot,
        isRefresh: Bool,
        coordinator: any SharedFetchCoordinator<Key>
    ) async -> (Result<AccessToken, any Error>, providerCalled: Bool) {
        let margin = self.configuration.expirySafetyMargin
        var minimumLifetime = margin * 2
        if isRefresh, let held = slot.withState({ $0.current?.expiresAt }) {
            // A shared copy of the token held here has about its remaining lifetime plus the margin left;
            // only a newer one is worth taking.
            minimumLifetime += max(self.clock.now.duration(to: held), .zero)
        }
        var providerCalled = false
        do {
            let key = slot.key
            let token = try await coordinator.token(for: key, outliving: minimumLifetime) {
                providerCalled = true
                return try await self.provider.fetchToken(for: key)
            }
            return (.success(token), providerCalled)
        } catch {
            return (.failure(error), providerCalled)
        }
    }

    private func readCache(_ key: Key, logger: Logger) async -> AccessToken? {
        guard let cache = self.cache else { return nil }
        do {
            guard let token = try await cache.token(for: key) else { return nil }
            // Only worth taking if it outlives the safety margin comfortably.
            return token.expiresIn > self.configuration.expirySafetyMargin * 2 ? token : nil
        } catch {
            logger.warning("token cache read failed", metadata: ["authbridge.error_type": "\(type(of: error))"])
            return nil
        }
    }

    private func writeCache(_ token: AccessToken, for key: Key, logger: Logger) async {
        guard let cache = self.cache else { return }
        do {
            try await cache.set(token, for: key, expiresIn: token.expiresIn)
        } catch {
            logger.warning("token cache write failed", metadata: ["authbridge.error_type": "\(type(of: error))"])
        }
    }

    static func classify(_ error: any Error) -> (FailureKind, Duration?) {
        if let classified = error as? any TokenProviderError {
            return (classified.failureKind, classified.retryAfter)
        }
        return (.transient, nil)
    }
}

extension TokenBroker where C == CoarseMonotonicClock {
    /// Creates a broker on a ``CoarseMonotonicClock``, cheap enough to read on every cache hit.
    /// - Parameters:
    ///   - provider: Fetches tokens.
    ///   - cache: An optional second-level cache shared with other instances.
    ///   - coordinator: Optionally shares one provider call per key between instances; see
    ///     ``SharedFetchCoordinator``.
    ///   - configuration: Refresh and failure policy.
    ///   - logger: Where the broker logs; it never logs a token.
    ///   - metricsFactory: Where counters and the provider-latency timer go.
    public convenience init(
        provider: some TokenProvider<Key>,
        cache: (any TokenCache<Key>)? = nil,
        coordinator: (any SharedFetchCoordinator<Key>)? = nil,
        configuration: Configuration = Configuration(),
        logger: Logger,
        metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) {
        self.init(
            provider: provider,
            cache: cache,
            coordinator: coordinator,
            configuration: configuration,
            clock: CoarseMonotonicClock(),
            logger: logger,
            metricsFactory: metricsFactory
        )
    }
}
