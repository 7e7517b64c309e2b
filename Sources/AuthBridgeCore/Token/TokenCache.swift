/// Stores tokens until they expire, in process (``InMemoryTokenCache``) or shared between instances.
///
/// Methods are `async` so that a networked store (Redis) fits the same protocol. Lifetimes are relative
/// durations, which a networked store can pass on as a time-to-live without sharing a clock.
public protocol TokenCache<Key>: Sendable {
    /// What a token is stored under.
    associatedtype Key: Hashable & Sendable

    /// The token stored for `key`, if it has not expired.
    /// - Parameter key: The key.
    /// - Returns: The token with ``AccessToken/expiresIn`` set to its remaining lifetime, or `nil`.
    func token(for key: Key) async throws -> AccessToken?

    /// Stores `token` for `key` until `expiresIn` has passed, replacing what was there.
    /// - Parameters:
    ///   - token: The token.
    ///   - key: The key.
    ///   - expiresIn: How long to keep it; zero or less removes the entry.
    func set(_ token: AccessToken, for key: Key, expiresIn: Duration) async throws

    /// Removes the token stored for `key`, if any.
    /// - Parameter key: The key.
    func removeToken(for key: Key) async throws
}
