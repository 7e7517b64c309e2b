extension TokenBroker {
    /// How the broker refreshes tokens and handles failures. See <doc:BrokerRefreshAndFailurePolicy>.
    public struct Configuration: Sendable {
        /// A name for this broker in log metadata and metric dimensions, for example `genesys`.
        public var name: String
        /// Refresh when less than this fraction of a token's usable lifetime remains (0.2 = the last 20%).
        public var refreshAheadFraction: Double
        /// Refresh at the latest when this much usable lifetime remains, whichever of fraction and margin
        /// comes first. Refresh never starts before half the usable lifetime has passed.
        public var refreshAheadMargin: Duration
        /// Start each refresh up to this fraction of the usable lifetime earlier, at random, so that many
        /// keys fetched together do not refresh together.
        public var refreshJitter: Double
        /// Treat a token as expired this long before the provider says it expires (at most half its
        /// lifetime), so a token handed out is still valid when it reaches the server that checks it.
        public var expirySafetyMargin: Duration
        /// How failed fetches are retried.
        public var retry: Retry
        /// How long a permanent failure is remembered: callers get the same error without a provider call.
        public var permanentFailureCacheDuration: Duration
        /// How often ``TokenBroker/run()`` reports the cache-hit count to swift-metrics.
        public var metricsReportingInterval: Duration
        /// The most keys the broker holds a slot for; `nil` (the default) keeps every key for the broker's
        /// life, which suits a few service credentials.
        ///
        /// Set it when keys are many and short-lived, such as one key per customer token being introspected.
        /// When a new key arrives and the bound is reached, the broker first drops every idle slot that
        /// serves nothing (no valid token, no remembered failure), then the idle slots whose tokens expire
        /// first, until a tenth of the bound is free (so the scan is amortised over many new keys). A slot
        /// with a fetch in flight or callers waiting, or one no caller has asked yet, is never dropped, so
        /// the count can briefly exceed the bound. A ``TokenBroker/Handle`` to a dropped slot keeps working on its
        /// own; resolve keys with ``TokenBroker/token(for:)`` (or a fresh handle) to share the current slot.
        public var maximumKeys: Int?

        /// Creates a configuration; every argument has a default suited to OAuth client-credentials tokens.
        /// - Parameters:
        ///   - name: A name for logs and metrics.
        ///   - refreshAheadFraction: Refresh in the last fraction of the usable lifetime.
        ///   - refreshAheadMargin: Refresh at the latest this long before expiry.
        ///   - refreshJitter: Random spread of refresh starts, as a fraction of the usable lifetime.
        ///   - expirySafetyMargin: Treat tokens as expired this long early.
        ///   - retry: Retry policy for failed fetches; default ``defaultRetry`` (4 attempts, 200 ms to 10 s).
        ///   - permanentFailureCacheDuration: How long to remember a permanent failure.
        ///   - metricsReportingInterval: How often ``TokenBroker/run()`` reports hits.
        ///   - maximumKeys: The most keys to hold a slot for; `nil` for no bound.
        public init(
            name: String = "default",
            refreshAheadFraction: Double = 0.2,
            refreshAheadMargin: Duration = .seconds(60),
            refreshJitter: Double = 0.05,
            expirySafetyMargin: Duration = .seconds(5),
            retry: Retry = Self.defaultRetry,
            permanentFailureCacheDuration: Duration = .seconds(30),
            metricsReportingInterval: Duration = .seconds(10),
            maximumKeys: Int? = nil
        ) {
            self.name = name
            self.refreshAheadFraction = refreshAheadFraction
            self.refreshAheadMargin = refreshAheadMargin
            self.refreshJitter = refreshJitter
            self.expirySafetyMargin = expirySafetyMargin
            self.retry = retry
            self.permanentFailureCacheDuration = permanentFailureCacheDuration
            self.metricsReportingInterval = metricsReportingInterval
            self.maximumKeys = maximumKeys
        }
    }
}

extension TokenBroker.Configuration {
    /// How failed fetches are retried: the package's one ``RetryPolicy``. The broker takes its attempt
    /// count and backoff (a provider's retry-after hint, if longer, is waited instead); while a valid token
    /// exists, refresh keeps retrying until it expires, whatever the attempt count.
    public typealias Retry = RetryPolicy

    /// The broker's default: 4 attempts, 200 ms to 10 s backoff.
    public static var defaultRetry: Retry { RetryPolicy(maximumAttempts: 4, initialBackoff: .milliseconds(200), maximumBackoff: .seconds(10)) }
}
