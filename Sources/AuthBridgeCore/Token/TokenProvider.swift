/// Fetches a fresh ``AccessToken`` for a key, for example by an OAuth client-credentials grant.
///
/// The ``TokenBroker`` calls it at most once at a time per key and handles caching, refresh and retries,
/// so a provider does one request and reports what happened. Throw an error that conforms to
/// ``TokenProviderError`` to say whether a failure is permanent or transient and when to retry;
/// other errors count as transient.
public protocol TokenProvider<Key>: Sendable {
    /// What identifies one credential, such as an OAuth client and a region. Its `description` appears in
    /// logs and errors, so it must not contain a secret.
    associatedtype Key: Hashable & Sendable & CustomStringConvertible

    /// Fetches a new token for `key`.
    /// - Parameter key: Which credential to fetch.
    /// - Returns: The token, with its lifetime counted from now.
    /// - Throws: Preferably a ``TokenProviderError``.
    func fetchToken(for key: Key) async throws -> AccessToken
}
