/// Lets ``TokenBroker`` instances in different processes (replicas behind one load balancer) share one
/// provider call per key, through a store they all reach, such as Redis.
///
/// Without it every replica that misses fetches its own token, multiplying calls to a rate-limited
/// token endpoint. With it, a broker that needs a token (no token held, or a refresh is due) asks the
/// coordinator instead of calling its provider: the coordinator returns a token another replica
/// published, or lets exactly one replica run `fetch` and publish the result while the others wait for
/// it, for a bounded time.
///
/// A coordinator must never make a broker fail where it would have succeeded alone: when the shared
/// store is down, slow or the wait runs out, it calls `fetch` itself. It throws only what `fetch`
/// threw, or `CancellationError`.
public protocol SharedFetchCoordinator<Key>: Sendable {
    /// What a token is stored under.
    associatedtype Key: Hashable & Sendable

    /// A token for `key` with more than `minimumLifetime` left: a shared one, or the result of `fetch`,
    /// which the coordinator then shares.
    /// - Parameters:
    ///   - key: The key.
    ///   - minimumLifetime: Shared tokens with this much lifetime left or less are not taken. On a
    ///     refresh the broker passes more than its own token's remaining lifetime, so the same token
    ///     is not handed back.
    ///   - fetch: Calls the broker's provider; run it at most once.
    /// - Returns: The token, with ``AccessToken/expiresIn`` set to its remaining lifetime.
    /// - Throws: Only what `fetch` threw, or `CancellationError`.
    func token(
        for key: Key,
        outliving minimumLifetime: Duration,
        fetch: () async throws -> AccessToken
    ) async throws -> AccessToken
}
