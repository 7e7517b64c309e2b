extension ClientRateLimiter {
    /// How fast each client may send, and how many clients are remembered.
    public struct Configuration: Sendable, Equatable {
        /// Sustained requests per second per client; default 10.
        public var requestsPerSecond: Double
        /// How many requests a client may send at once after a quiet spell; default 40.
        public var burst: Int
        /// The most clients remembered at once; default 10 000. Past it, idle clients are forgotten first
        /// (losslessly), then the longest-quiet ones, a tenth of the bound at a time.
        public var maximumClients: Int

        /// Creates a configuration.
        /// - Parameters:
        ///   - requestsPerSecond: Sustained rate per client; default 10.
        ///   - burst: Bucket size; default 40.
        ///   - maximumClients: Memory bound; default 10 000.
        public init(requestsPerSecond: Double = 10, burst: Int = 40, maximumClients: Int = 10_000) {
            self.requestsPerSecond = requestsPerSecond
            self.burst = burst
            self.maximumClients = maximumClients
        }
    }
}
