public import AuthBridgeCore
public import AuthBridgeGenesys
public import AuthBridgeJWT

/// What the caller knows about its own configuration that sharpens a ``Diagnosis``: all optional.
///
/// Nothing here is printed as is except key ids, scope names and the region: ``signingSecret`` is read
/// only for its shape (length and alphabet), to tell a Zendesk API token from a JWT signing secret.
public struct DiagnosisContext: Sendable {
    /// The configured Genesys region, to tell a login host and an API host of different regions apart.
    public var region: GenesysRegion?
    /// The clock skew the validators tolerate; default 60 s, AuthBridge's default.
    public var leeway: Duration
    /// The key ids the failing validator knows (for example the Messaging signing keys' `app_…` ids).
    public var knownKeyIDs: [String]
    /// The peer's clock minus ours, when the caller measured it; otherwise the diagnosis reads the
    /// error's `Date` header, when there is one.
    public var peerClockOffset: Duration?
    /// The OAuth scopes configured for the failing call (requested from, or granted by, Zendesk or
    /// Genesys), so scopes that do not exist can be named.
    public var scopes: [String]
    /// The configured JWT signing secret, read only for its shape; never printed or stored in the result.
    public var signingSecret: Secret?
    /// Our wall clock, for "expired 42 s ago"; tests pass a fixed one.
    public var clock: JWTClock

    /// Creates a context.
    /// - Parameters:
    ///   - region: The configured Genesys region; default unknown.
    ///   - leeway: The configured leeway; default 60 s.
    ///   - knownKeyIDs: The key ids the validator knows; default none.
    ///   - peerClockOffset: The measured peer clock offset; default unknown.
    ///   - scopes: The configured OAuth scopes; default none.
    ///   - signingSecret: The configured signing secret (shape only); default none.
    ///   - clock: Our wall clock; default the system clock.
    public init(
        region: GenesysRegion? = nil,
        leeway: Duration = .seconds(60),
        knownKeyIDs: [String] = [],
        peerClockOffset: Duration? = nil,
        scopes: [String] = [],
        signingSecret: Secret? = nil,
        clock: JWTClock = .system
    ) {
        self.region = region
        self.leeway = leeway
        self.knownKeyIDs = knownKeyIDs
        self.peerClockOffset = peerClockOffset
        self.scopes = scopes
        self.signingSecret = signingSecret
        self.clock = clock
    }
}
