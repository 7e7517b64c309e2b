public import AuthBridgeCore

/// Everything the bridge needs, as one value, checked when it is read.
///
/// Read it with ``load(filePath:secretsDirectory:environment:)`` (apple/swift-configuration): environment
/// variables first (`AUTHBRIDGE_` + the key in upper case, with `_` for `.` and between camel-case words:
/// `oidc.signingKeyId` is `AUTHBRIDGE_OIDC_SIGNING_KEY_ID`), then files in a secrets directory
/// (one file per key, named with `-` for `.`: `genesys-client-secret`, `zendesk-sso-sharedSecret`, the way
/// Kubernetes and Docker mount secrets), then a JSON file (nested objects: `{"genesys": {"client": {"id": …}}}`).
/// Secrets are read as secrets (redacted in swift-configuration's access reports) and kept as `Secret`.
///
/// Each section reads and documents its own keys: ``Zendesk`` (`zendesk.*`), ``Genesys`` (`genesys.*`),
/// ``OIDC`` (`oidc.*`), ``Redis`` (`redis.*`). The HTTP front's `server.*` keys belong to
/// `AuthBridgeHTTPServer.Configuration` (AuthBridgeServer). This type reads three keys of its own:
///
/// | key | meaning |
/// |---|---|
/// | `bridge.sealingKey` | the key that seals session mappings (32+ bytes); required with `redis.*` |
/// | `bridge.mappingLifetimeSeconds` | how long a session maps to the same Genesys conversation; 60 s–30 days, default 1 day |
/// | `bridge.subjectBindingLifetimeSeconds` | how long a Messenger `sub` stays bound to its Zendesk session without a refresh (``SubjectBindings``); 15 min–30 days, default 1 day |
public struct AuthBridgeConfiguration: Sendable {
    /// Zendesk.
    public var zendesk: Zendesk
    /// Genesys, if Messenger's context is carried (the data action) or a legacy widget is used.
    public var genesys: Genesys?
    /// The OpenID provider, if Messenger is used.
    public var oidc: OIDC?
    /// The key that seals session mappings, subject bindings and the conversation ledger; replicas
    /// sharing a store must share it.
    public var sealingKey: Secret?
    /// How long a session maps to the same Genesys conversation.
    public var mappingLifetime: Duration
    /// The shared Redis, when replicas share state; `nil` keeps everything in process memory.
    public var redis: Redis?
    /// How long a subject binding lives without a refresh.
    public var subjectBindingLifetime: Duration

    /// Creates a configuration from its sections.
    /// - Parameters:
    ///   - zendesk: The Zendesk account and credential kinds.
    ///   - genesys: The Genesys organization, if any.
    ///   - oidc: Messenger's OpenID provider, if any.
    ///   - sealingKey: The session mapping sealing key; required with `redis`.
    ///   - mappingLifetime: Default one day.
    ///   - redis: The shared Redis; default none (in memory).
    ///   - subjectBindingLifetime: Default one day.
    public init(
        zendesk: Zendesk,
        genesys: Genesys? = nil,
        oidc: OIDC? = nil,
        sealingKey: Secret? = nil,
        mappingLifetime: Duration = .seconds(86_400),
        redis: Redis? = nil,
        subjectBindingLifetime: Duration = .seconds(86_400)
    ) {
        self.zendesk = zendesk
        self.genesys = genesys
        self.oidc = oidc
        self.sealingKey = sealingKey
        self.mappingLifetime = mappingLifetime
        self.redis = redis
        self.subjectBindingLifetime = subjectBindingLifetime
    }
}
