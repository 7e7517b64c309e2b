public import AuthBridgeCore
public import AuthBridgeGenesys
public import AuthBridgeZendesk

/// Everything a deployment of AuthBridge needs, as one value, checked when it is read.
///
/// Read it with ``load(filePath:secretsDirectory:environment:)`` (apple/swift-configuration): environment
/// variables first (`AUTHBRIDGE_` + the key in upper case, with `_` for `.` and between camel-case words:
/// `oidc.signingKeyId` is `AUTHBRIDGE_OIDC_SIGNING_KEY_ID`), then files in a secrets directory
/// (one file per key, named with `-` for `.`: `genesys-client-secret`, `zendesk-sso-sharedSecret`, the way Kubernetes and Docker
/// mount secrets), then a JSON file (nested objects: `{"genesys": {"client": {"id": …}}}`). Secrets are
/// read as secrets (redacted in swift-configuration's access reports) and kept as `Secret`.
///
/// | key | meaning |
/// |---|---|
/// | `server.host`, `server.port` | where to listen; default `127.0.0.1`, `8080` (`0`: any free port) |
/// | `server.allowedOrigins` | the site's origins for CORS, comma-separated |
/// | `server.maximumBodyBytes` | default 16384 |
/// | `server.rateLimitPerMinute` | per client address; default 600 |
/// | `server.shutdownDrainSeconds` | at SIGTERM, seconds `/readyz` answers 503 while requests are still served, before the port closes; 0–300, default 0 (behind Kubernetes: 5–10) |
/// | `server.trustedProxyHops` | how many proxies (ingress, load balancer) you run in front, each appending to `X-Forwarded-For`; 0–16, default 0 (the TCP peer is the client). Behind one, set it: otherwise every customer shares the proxy's rate-limit bucket |
/// | `server.metricsPort` | a port of its own for `/metrics` (same host), which is then not on `server.port`; default none. Set it when `server.port` is public |
/// | `server.idleTimeoutSeconds` | seconds a connection may stay idle (no complete request part) before it is closed; 1–3600, default 75 (above common load balancers' 60 s; behind one that keeps connections longer, set it above that) |
/// | `zendesk.subdomain` or `zendesk.baseURL` | the Zendesk account (`baseURL` for emulators) |
/// | `zendesk.messaging.keyId`, `zendesk.messaging.secret` | Messaging JWT signing key |
/// | `zendesk.chat.sharedSecret` | Chat visitor JWT secret |
/// | `zendesk.sso.sharedSecret` | SSO JWT secret |
/// | `zendesk.oauth.enabled`, `zendesk.oauth.requiredScopes` | accept Zendesk OAuth tokens |
/// | `zendesk.client.id`, `zendesk.client.secret` | OAuth client for reading chat history |
/// | `genesys.region` or `genesys.baseURL` | the Genesys region name (`us_east_1`), domain, or an emulator URL |
/// | `genesys.client.id`, `genesys.client.secret` | client-credentials OAuth client |
/// | `genesys.externalSource.name` | the External Source the `ExternalId`s of External Contacts reference, found or created by name; default `Zendesk` (use the same source in the deployment's identity resolution) |
/// | `genesys.notes.createdByUserId` | the Genesys user id written as contact notes' `createdBy`; default none (Genesys marks it optional; set it only if notes are refused for lacking it) |
/// | `genesys.legacyWebChat` | `true` lets the Web Chat 1.x and guest chat widgets start; default `false`: Genesys retired ACD web chat v2 in 2026 (help article "deprecation-removal-of-acd-web-chat-version-2") |
/// | `genesys.guestChat.organizationId`, `.deploymentId`, `.queue`, `.requiresMemberAuthentication` | guest chat (legacy; needs `genesys.legacyWebChat`) |
/// | `oidc.issuer`, `oidc.client.id`, `oidc.client.secret`, `oidc.redirectUris` | Messenger's OpenID provider |
/// | `oidc.signingKey`, `oidc.signingKeyId`, `oidc.nextSigningKey`, `oidc.nextSigningKeyId`, `oidc.algorithm` | its keys (PKCS#8 PEM) |
/// | `bridge.sealingKey`, `bridge.mappingLifetimeSeconds` | session mapping sealing key (32+ bytes) and lifetime |
/// | `redis.host`, `redis.port`, `redis.username`, `redis.password`, `redis.database`, `redis.keyPrefix` | one Redis shared by every replica (tokens, replay, codes, refresh tokens, mappings); `bridge.sealingKey` is then required |
/// | `redis.tls`, `redis.tlsServerName`, `redis.tlsCaFile`, `redis.allowPlaintext` | TLS to Redis; required for a Redis not on loopback (the shared cache holds the Genesys service token) unless `allowPlaintext` is true |
public struct AuthBridgeConfiguration: Sendable {
    /// The HTTP front.
    public struct Server: Sendable, Hashable {
        /// The address to listen on.
        public var host: String
        /// The port.
        public var port: Int
        /// The site origins allowed by CORS.
        public var allowedOrigins: [String]
        /// The largest request body accepted.
        public var maximumBodyBytes: Int
        /// Requests per minute per client address.
        public var rateLimitPerMinute: Int
        /// Seconds `/readyz` answers 503 at shutdown before the listener closes.
        public var shutdownDrainSeconds: Int
        /// How many proxies you run in front of the server, each appending to `X-Forwarded-For`; `0`
        /// takes the TCP peer as the client.
        public var trustedProxyHops: Int
        /// A port of its own for `/metrics`, kept off the public one; `nil` serves it on `port`.
        public var metricsPort: Int?
        /// Seconds a connection may stay idle before it is closed.
        public var idleTimeoutSeconds: Int
    }

    /// The Zendesk account and the credentials the site's pages present.
    public struct Zendesk: Sendable {
        /// The account's API base URL.
        public var baseURL: ZendeskBaseURL?
        /// The Messaging JWT signing key.
        public var messagingKey: ZendeskSigningKey?
        /// The Chat visitor JWT shared secret.
        public var chatSharedSecret: Secret?
        /// The SSO JWT shared secret.
        public var ssoSharedSecret: Secret?
        /// Whether Zendesk OAuth tokens are accepted (validated by introspection).
        public var acceptsOAuthTokens: Bool
        /// The scopes an OAuth token must have.
        public var requiredScopes: Set<String>
        /// The OAuth client that reads chat history, and its secret.
        public var historyClient: (id: String, secret: Secret)?
    }

    /// The Genesys Cloud organization.
    public struct Genesys: Sendable {
        /// The region.
        public var region: GenesysRegion
        /// The client-credentials client.
        public var credentials: GenesysCredentials
        /// Guest chat settings, if the site uses the guest chat API (legacy).
        public var guestChat: GuestChat?
        /// Whether the retired Web Chat 1.x and guest chat widgets may start (`genesys.legacyWebChat`).
        public var legacyWebChat: Bool = false
        /// The External Source name for `ExternalId`s (`genesys.externalSource.name`).
        public var externalSourceName: String = GenesysCloudClient.Configuration.defaultExternalSourceName
        /// The Genesys user id notes are written as (`genesys.notes.createdByUserId`), if the org needs one.
        public var noteAuthorUserID: String?

        /// Guest chat settings.
        public struct GuestChat: Sendable, Hashable {
            /// The organization id.
            public var organizationID: String
            /// The Web Chat deployment id.
            public var deploymentID: String
            /// The queue chats are routed to.
            public var queue: String
            /// Whether the deployment requires a member token.
            public var requiresMemberAuthentication: Bool
        }
    }

    /// Messenger's OpenID provider.
    public struct OIDC: Sendable {
        /// The issuer (the public https URL Genesys reaches).
        public var issuer: String
        /// The client id Genesys's integration uses.
        public var clientID: String
        /// Its secret.
        public var clientSecret: Secret
        /// The redirect URIs the page may name.
        public var redirectURIs: [String]
        /// The current signing key (PKCS#8 PEM) and its kid.
        public var signingKey: (id: String, pem: Secret)
        /// The next signing key, published ahead of rotation.
        public var nextSigningKey: (id: String, pem: Secret)
        /// The signing algorithm; default RS256.
        public var algorithm: String
    }

    /// The Redis every replica shares.
    public struct Redis: Sendable {
        /// The host.
        public var host: String
        /// The port; default 6379.
        public var port: Int
        /// The ACL user, if any.
        public var username: String?
        /// The password, if any.
        public var password: Secret?
        /// The database number; default 0.
        public var database: Int
        /// Prepended to every key; default `authbridge:`.
        public var keyPrefix: String
        /// Whether to speak TLS to Redis.
        public var usesTLS: Bool
        /// The name to verify the server's certificate against, when it differs from ``host``.
        public var tlsServerName: String?
        /// A PEM file of the CA that signed the server's certificate, when not a system root.
        public var tlsCAFile: String?
    }

    /// The HTTP front.
    public var server: Server
    /// Zendesk.
    public var zendesk: Zendesk
    /// Genesys, if Web Chat or guest chat is used.
    public var genesys: Genesys?
    /// The OpenID provider, if Messenger is used.
    public var oidc: OIDC?
    /// The key that seals session mappings; replicas sharing a mapping store must share it.
    public var sealingKey: Secret?
    /// How long a session maps to the same Genesys conversation.
    public var mappingLifetime: Duration
    /// The shared Redis, when replicas share state; `nil` keeps everything in process memory.
    public var redis: Redis?
}
