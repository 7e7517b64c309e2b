extension GenesysEmulator {
    /// An "OpenID Connect Messenger Configuration" integration: what a Genesys admin enters to let
    /// Messenger sign customers in through an OpenID Connect provider (Admin > Integrations).
    public struct OpenIDIntegration: Sendable, CustomStringConvertible, CustomReflectable {
        /// The integration id that a ``MessengerDeployment`` names.
        public var id: String
        /// The provider's discovery document URL (`…/.well-known/openid-configuration`).
        public var discoveryURI: String
        /// The client id registered at the provider for Genesys.
        public var clientID: String
        /// The client secret (test data; never shown by `description` or `dump`).
        public var clientSecret: String
        /// Max Refresh Token Lifetime, 15 minutes to 90 days; Genesys's own refresh token lives for the
        /// shorter of this and 24 hours (how the two combine is unconfirmed; the shorter is the safe guess).
        public var maximumRefreshTokenLifetime: Duration
        /// Whether the integration is Active; an inactive one refuses every exchange.
        public var isActive: Bool

        /// Creates an integration.
        /// - Parameters:
        ///   - id: The integration id; default `oidc-integration`.
        ///   - discoveryURI: The provider's discovery URL.
        ///   - clientID: The provider client id.
        ///   - clientSecret: The provider client secret.
        ///   - maximumRefreshTokenLifetime: Clamped to 15 minutes … 90 days; default 24 hours.
        ///   - isActive: Default `true`.
        public init(
            id: String = "oidc-integration",
            discoveryURI: String,
            clientID: String,
            clientSecret: String,
            maximumRefreshTokenLifetime: Duration = .seconds(86_400),
            isActive: Bool = true
        ) {
            self.id = id
            self.discoveryURI = discoveryURI
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.maximumRefreshTokenLifetime = min(max(maximumRefreshTokenLifetime, .seconds(900)), .seconds(90 * 86_400))
            self.isActive = isActive
        }

        /// The id, discovery URI and client id; never the secret.
        public var description: String {
            "GenesysEmulator.OpenIDIntegration(\(self.id), \(self.discoveryURI), client: \(self.clientID))"
        }

        /// `dump` shows everything but the secret.
        public var customMirror: Mirror {
            Mirror(
                self,
                children: [
                    "id": self.id,
                    "discoveryURI": self.discoveryURI,
                    "clientID": self.clientID,
                    "maximumRefreshTokenLifetime": self.maximumRefreshTokenLifetime,
                    "isActive": self.isActive,
                ],
                displayStyle: .struct
            )
        }
    }
}
