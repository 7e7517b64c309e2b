public import AuthBridgeJWT
import Synchronization

/// The provider's signing keys: the current key signs, the next key is already published so relying
/// parties have it before it signs, and retired keys stay published until every token they signed has
/// expired.
///
/// ```swift
/// let ring = try OpenIDKeyRing(current: .generate(for: .rs256, keyID: "2026-11"),
///                              next: .generate(for: .rs256, keyID: "2026-12"))
/// // Monthly: the next key starts signing, the old one is kept for `grace`.
/// try ring.rotate(newNext: .generate(for: .rs256, keyID: "2027-01"), grace: .seconds(3600), now: now)
/// ```
public final class OpenIDKeyRing: Sendable {
    /// A signing key and its public half, derived once rather than per JWKS or userinfo request.
    private struct Entry {
        let key: JWTKey
        let publicKey: JWTKey
    }

    private struct State {
        var current: Entry
        var next: Entry
        var retired: [(entry: Entry, publishedUntil: Double)]
    }

    private let state: Mutex<State>

    /// A ring with a `current` signing key and the `next` one. Both must be private keys with a `kid`
    /// and one algorithm (RS256 by default practice, ES256 where configured).
    public init(current: JWTKey, next: JWTKey) throws(OIDCError) {
        guard current.keyID != next.keyID else { throw OIDCError(.serverError, "the current and next keys need different kids") }
        self.state = Mutex(State(current: try Self.entry(current), next: try Self.entry(next), retired: []))
    }

    /// Makes `next` current, publishes `newNext`, and keeps the old current key published until
    /// `now + grace` (at least the longest lifetime of a token it signed).
    public func rotate(newNext: JWTKey, grace: Duration, now: Double) throws(OIDCError) {
        let entry = try Self.entry(newNext)
        let until = now + Double(grace.components.seconds)
        try self.state.withLock { state throws(OIDCError) in
            let kids = [state.current.key.keyID, state.next.key.keyID] + state.retired.map(\.entry.key.keyID)
            guard !kids.contains(newNext.keyID) else { throw OIDCError(.serverError, "the new key's kid is already in use") }
            state.retired.append((state.current, until))
            state.current = state.next
            state.next = entry
        }
    }

    /// The key that signs now.
    var signingKey: JWTKey { self.state.withLock { $0.current.key } }

    /// The public keys to publish at `now`: current, next, and retired keys within their grace.
    public func publishedKeys(now: Double) -> [JWTKey] {
        self.state.withLock { state in
            state.retired.removeAll { $0.publishedUntil <= now }
            return [state.current.publicKey, state.next.publicKey] + state.retired.map(\.entry.publicKey)
        }
    }

    /// The JWK Set to serve at the `jwks_uri`.
    public func jwks(now: Double) -> JWKSet {
        JWKSet(keys: self.publishedKeys(now: now).compactMap { try? $0.jwk() })
    }

    /// The algorithm the current key signs with.
    public var signingAlgorithm: JWSAlgorithm? { self.signingKey.algorithm }

    private static func entry(_ key: JWTKey) throws(OIDCError) -> Entry {
        try Self.check(key)
        do {
            return Entry(key: key, publicKey: try key.publicKey())
        } catch {
            throw OIDCError(.serverError, "the signing key has no exportable public half")
        }
    }

    private static func check(_ key: JWTKey) throws(OIDCError) {
        guard key.isPrivate, key.permitsSigning, key.keyID != nil, let algorithm = key.algorithm,
            [JWSAlgorithm.rs256, .rs384, .rs512, .ps256, .es256, .es384, .es512, .edDSA].contains(algorithm)
        else {
            throw OIDCError(.serverError, "a signing key must be an asymmetric private key with a kid and one algorithm")
        }
    }
}
