extension OpenIDProvider {
    /// Where the provider lives and how long what it issues lives.
    public struct Configuration: Sendable {
        /// The issuer identifier (`iss`), an https URL without a trailing slash in production; http only
        /// for loopback tests.
        public var issuer: String
        /// Path of the authorization endpoint listed in discovery (the page flow uses the code route).
        public var authorizationPath: String
        /// Path of the token endpoint.
        public var tokenPath: String
        /// Path of the userinfo endpoint.
        public var userInfoPath: String
        /// Path of the JWK Set.
        public var jwksPath: String
        /// How long a code can be redeemed. Default 60 s.
        public var codeLifetime: Duration
        /// Access-token lifetime. Default 15 minutes: Genesys's JWT lives at most as long as the
        /// provider's access token, and 15 minutes is its own ceiling.
        public var accessTokenLifetime: Duration
        /// ID-token lifetime. Default 15 minutes.
        public var idTokenLifetime: Duration
        /// Refresh-token family lifetime. Default 24 hours, Genesys's own refresh-token lifetime.
        public var refreshTokenLifetime: Duration
        /// The namespaced claim carrying the Zendesk context (credential kind, chat, conversation and
        /// ticket ids).
        public var contextClaim: String

        /// A configuration for `issuer` with every default.
        public init(
            issuer: String,
            authorizationPath: String = "/oidc/authorize",
            tokenPath: String = "/oidc/token",
            userInfoPath: String = "/oidc/userinfo",
            jwksPath: String = "/oidc/jwks.json",
            codeLifetime: Duration = .seconds(60),
            accessTokenLifetime: Duration = .seconds(900),
            idTokenLifetime: Duration = .seconds(900),
            refreshTokenLifetime: Duration = .seconds(86_400),
            contextClaim: String = "https://authbridge.dev/zendesk"
        ) {
            self.issuer = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
            self.authorizationPath = authorizationPath
            self.tokenPath = tokenPath
            self.userInfoPath = userInfoPath
            self.jwksPath = jwksPath
            self.codeLifetime = codeLifetime
            self.accessTokenLifetime = accessTokenLifetime
            self.idTokenLifetime = idTokenLifetime
            self.refreshTokenLifetime = refreshTokenLifetime
            self.contextClaim = contextClaim
        }
    }
}
