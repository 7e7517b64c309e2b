extension ClientRateLimiter {
    /// Token buckets per client, with bounded memory; pure and synchronous so tests drive it with numbers.
    ///
    /// Times are seconds on a monotonic clock. A bucket holds up to `capacity` tokens, refills at `rate`
    /// per second (computed lazily on access) and each admitted request takes one. A refused request takes
    /// nothing, so a client that keeps knocking is admitted again as soon as a token has accrued.
    struct StateMachine {
        struct Bucket {
            var tokens: Double
            var updated: Double
        }

        enum Decision: Equatable {
            case admit
            /// Refused; one token will be there after `retryAfter` seconds.
            case refuse(retryAfter: Double)
        }

        let capacity: Double
        let rate: Double
        let maximumClients: Int
        private(set) var buckets: [String: Bucket] = [:]

        init(configuration: Configuration) {
            self.capacity = Double(max(1, configuration.burst))
            // A zero or negative rate would never refill; the smallest useful rate is one a day.
            self.rate = max(configuration.requestsPerSecond, 1.0 / 86_400)
            self.maximumClients = max(1, configuration.maximumClients)
        }

        var clientCount: Int { self.buckets.count }

        mutating func acquire(_ client: String, now: Double) -> Decision {
            if var bucket = self.buckets[client] {
                bucket.tokens = min(self.capacity, bucket.tokens + max(0, now - bucket.updated) * self.rate)
                bucket.updated = now
                let decision: Decision
                if bucket.tokens >= 1 {
                    bucket.tokens -= 1
                    decision = .admit
                } else {
                    decision = .refuse(retryAfter: (1 - bucket.tokens) / self.rate)
                }
                self.buckets[client] = bucket
                return decision
            }
            if self.buckets.count >= self.maximumClients { self.evict(now: now) }
            self.buckets[client] = Bucket(tokens: self.capacity - 1, updated: now)
            return .admit
        }

        /// Frees at least a tenth of the bound. Buckets refilled to capacity go first: forgetting them
        /// changes no future decision. If too few are idle, the longest-quiet buckets follow; those
        /// clients get a fresh burst, the price of bounded memory under a flood of addresses.
        mutating func evict(now: Double) {
            let target = max(1, self.maximumClients / 10)
            let before = self.buckets.count
            self.buckets = self.buckets.filter { _, bucket in
                bucket.tokens + max(0, now - bucket.updated) * self.rate < self.capacity
            }
            let freed = before - self.buckets.count
            guard freed < target else { return }
            let oldest = self.buckets.sorted { $0.value.updated < $1.value.updated }.prefix(target - freed)
            for (client, _) in oldest { self.buckets[client] = nil }
        }
    }
}
