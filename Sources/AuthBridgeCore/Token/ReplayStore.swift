/// Remembers one-time identifiers (a JWT's `jti`, a code's hash) until they expire, so each is accepted
/// once.
///
/// Store a hash of the identifier when the identifier itself is a secret.
public protocol ReplayStore: Sendable {
    /// Records `id` until `expiresIn` has passed, unless it is already recorded; atomically.
    /// - Parameters:
    ///   - id: The identifier.
    ///   - expiresIn: How long to remember it, usually the credential's remaining life plus leeway.
    /// - Returns: `true` if `id` was new (accept the credential), `false` if it was seen before (a replay).
    /// - Throws: If the store cannot answer, for example because it is full; treat that as a rejection.
    func insertIfAbsent(_ id: String, expiresIn: Duration) async throws -> Bool
}
