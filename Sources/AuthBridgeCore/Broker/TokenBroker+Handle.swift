public import Synchronization

extension TokenBroker {
    /// A resolved key: hold one per key for the life of the broker and ask it for tokens.
    ///
    /// Resolving a key hashes it once; ``token()`` then hashes nothing and, on a cache hit, reads a
    /// monotonic clock, takes an uncontended per-thread lock and returns the token without allocating.
    public struct Handle: Sendable {
        @usableFromInline let slot: Slot
        @usableFromInline let broker: TokenBroker

        init(slot: Slot, broker: TokenBroker) {
            self.slot = slot
            self.broker = broker
        }

        /// The key this handle stands for.
        public var key: Key { self.slot.key }

        /// A valid token for the key: the cached one, or one fetched now (once, however many callers wait).
        ///
        /// Runs on the caller's executor; a hit neither suspends nor allocates. If the task is cancelled while
        /// waiting for a fetch, this throws `CancellationError` and the fetch goes on for other callers.
        /// - Returns: A token that has not expired (less the safety margin).
        /// - Throws: ``AuthBridgeError`` when the provider failed (see its `kind`) or the broker was shut down.
        @inlinable
        nonisolated(nonsending) public func token() async throws -> AccessToken {
            let broker = self.broker
            if let token = broker.stripes.lookup(
                index: self.slot.index,
                version: self.slot.version.load(ordering: .acquiring),
                now: broker.clock.now
            ) {
                return token
            }
            return try await broker.slowToken(self.slot)
        }

        /// Stops handing out `token`, for example after a server answered 401 to it; the next call fetches.
        /// Does nothing if the broker already holds another token.
        /// - Parameter token: The token that was rejected.
        public func invalidate(_ token: AccessToken) {
            _ = self.slot.withState { $0.invalidate(token) }
        }
    }
}
