extension GenesysEmulator {
    /// What the emulated organization looks like: OAuth clients, token lifetimes, rate limit, deployment.
    public struct Configuration: Sendable {
        /// The region label the emulator stands for (`us_east_1`); appears in token-issuer claims and
        /// errors. Start two emulators with different labels to emulate two regions: a token from one is
        /// refused by the other.
        public var regionName: String
        /// The OAuth clients `/oauth/token` accepts.
        public var clients: [Client]
        /// API requests allowed per access token per ``rateLimitWindow``; more get 429 and `Retry-After`.
        /// Genesys's default is 300 a minute for client-credentials tokens.
        public var rateLimitPerToken: Int
        /// The window of ``rateLimitPerToken``; default one minute.
        public var rateLimitWindow: Duration
        /// The organization id guest chats must name.
        public var organizationID: String
        /// The Web Chat deployment id guest chats must name.
        public var deploymentID: String
        /// Whether guest chats need a `memberAuthToken` from `/api/v2/signeddata`.
        public var requiresMemberAuthentication: Bool
        /// The longest `noteText` accepted, in UTF-16 units; longer notes get 400. Default 32,000, the
        /// limit of Genesys's definitions (`Note.noteText`).
        public var maximumNoteLength: Int
        /// Whether notes without `createdBy` are refused (400 naming `createdBy`). Genesys's definitions
        /// mark it optional, so the default is `false`; set it to test an organization that requires it.
        public var notesRequireAuthor: Bool
        /// Request bodies larger than this get 413.
        public var maximumRequestBodySize: Int
        /// The "OpenID Connect Messenger Configuration" integrations installed at start; more can be
        /// installed later with ``GenesysEmulator/install(_:)``.
        public var openIDIntegrations: [OpenIDIntegration]
        /// The Messenger deployments at start; more with ``GenesysEmulator/deploy(_:)``.
        public var messengerDeployments: [MessengerDeployment]
        /// Whether the retired web chat APIs still answer: the guest chat API (`/api/v2/webchat/guest/…`),
        /// the chats participant-attributes path and `/api/v2/signeddata`. Default `false`: they answer 404
        /// with a platform `ErrorBody`, as APIs Genesys removed from its definitions (ACD web chat v2, gone
        /// from SDK 264.0.0 on) do. Set it for tests of `AuthBridge`'s legacy web chat paths.
        public var legacyWebChat: Bool

        /// Creates a configuration.
        /// - Parameters:
        ///   - regionName: The region label.
        ///   - clients: The OAuth clients; default one client `emulator-client` with secret `emulator-secret`.
        ///   - rateLimitPerToken: Requests per token per window; default 300.
        ///   - rateLimitWindow: Default one minute.
        ///   - organizationID: Default `emulated-org`.
        ///   - deploymentID: Default `emulated-deployment`.
        ///   - requiresMemberAuthentication: Default `false`.
        ///   - maximumNoteLength: Default 32,000.
        ///   - notesRequireAuthor: Default `false`.
        ///   - maximumRequestBodySize: Default 1 MiB.
        ///   - openIDIntegrations: Default none.
        ///   - messengerDeployments: Default none.
        ///   - legacyWebChat: Whether the retired web chat APIs answer; default `false`.
        public init(
            regionName: String = "us_east_1",
            clients: [Client] = [Client(id: "emulator-client", secret: "emulator-secret")],
            rateLimitPerToken: Int = 300,
            rateLimitWindow: Duration = .seconds(60),
            organizationID: String = "emulated-org",
            deploymentID: String = "emulated-deployment",
            requiresMemberAuthentication: Bool = false,
            maximumNoteLength: Int = 32_000,
            notesRequireAuthor: Bool = false,
            maximumRequestBodySize: Int = 1 << 20,
            openIDIntegrations: [OpenIDIntegration] = [],
            messengerDeployments: [MessengerDeployment] = [],
            legacyWebChat: Bool = false
        ) {
            self.regionName = regionName
            self.clients = clients
            self.rateLimitPerToken = max(1, rateLimitPerToken)
            self.rateLimitWindow = rateLimitWindow
            self.organizationID = organizationID
            self.deploymentID = deploymentID
            self.requiresMemberAuthentication = requiresMemberAuthentication
            self.maximumNoteLength = maximumNoteLength
            self.notesRequireAuthor = notesRequireAuthor
            self.maximumRequestBodySize = maximumRequestBodySize
            self.openIDIntegrations = openIDIntegrations
            self.messengerDeployments = messengerDeployments
            self.legacyWebChat = legacyWebChat
        }
    }

    /// An OAuth client the emulator knows.
    public struct Client: Sendable, CustomStringConvertible, CustomReflectable {
        /// The client id.
        public var id: String
        /// The client secret (test data, compared as given).
        public var secret: String
        /// `expires_in` of the tokens it gets; Genesys allows ``tokenLifetimeSeconds`` per client. Default 86400 s.
        public var tokenLifetime: Duration
        /// The token lifetimes, in seconds, Genesys lets an OAuth client have: "between 5mins and 48hrs",
        /// default 24 hours (`OAuthClientRequest.accessTokenValiditySeconds`; the contract test reads it).
        public static let tokenLifetimeSeconds: ClosedRange<Int> = 300...172_800
        /// Whether its role grants the signature permission `/api/v2/signeddata` needs; without it, 403.
        public var canSignData: Bool

        /// Creates a client.
        /// - Parameters:
        ///   - id: The client id.
        ///   - secret: The secret.
        ///   - tokenLifetime: The token lifetime.
        ///   - canSignData: Whether `/api/v2/signeddata` is allowed.
        public init(id: String, secret: String, tokenLifetime: Duration = .seconds(86_400), canSignData: Bool = true) {
            self.id = id
            self.secret = secret
            self.tokenLifetime = tokenLifetime
            self.canSignData = canSignData
        }

        /// The id; never the secret.
        public var description: String { "GenesysEmulator.Client(\(self.id))" }

        /// `dump` shows the id, lifetime and permission, never the secret.
        public var customMirror: Mirror {
            Mirror(self, children: ["id": self.id, "tokenLifetime": self.tokenLifetime, "canSignData": self.canSignData], displayStyle: .struct)
        }
    }
}
