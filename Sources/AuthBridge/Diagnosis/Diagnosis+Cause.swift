extension Diagnosis {
    /// The most likely reason for a failure, as a stable name and a short phrase in plain English.
    ///
    /// A struct over a private enum, so new causes fit a minor release. The specific facts (how many
    /// seconds, which `kid`, which scope) are in ``Diagnosis/explanation``.
    public struct Cause: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case wrongRegion
            case secretSentWrongWay
            case clientCredentialsRejected
            case expiredToken
            case clockSkew
            case unknownKeyID
            case signatureMismatch
            case algorithmMismatch
            case missingScope
            case nonexistentScope
            case missingPermission
            case platformTokenInWidget
            case deploymentNotFound
            case deploymentNotActive
            case originNotAllowed
            case integrationNotActive
            case identityProviderUnavailable
            case authorizationCodeRejected
            case rateLimited
            case tokenRejected
            case invalidToken
            case replayedToken
            case invalidConfiguration
            case peerUnavailable
            case retiredAPI
            case dataOmitted
            case wrongZendeskAPI
            case unknown
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// A token from one Genesys region used in another, or login and API hosts of different regions.
        public static let wrongRegion = Cause(.wrongRegion)
        /// Client credentials sent in the body instead of HTTP Basic, or Basic with a wrong encoding.
        public static let secretSentWrongWay = Cause(.secretSentWrongWay)
        /// The token endpoint does not know the client id, or the secret is wrong.
        public static let clientCredentialsRejected = Cause(.clientCredentialsRejected)
        /// The token's `exp` has passed.
        public static let expiredToken = Cause(.expiredToken)
        /// Our clock and the peer's (or the signer's) differ by more than the leeway.
        public static let clockSkew = Cause(.clockSkew)
        /// The token's `kid` names no configured key.
        public static let unknownKeyID = Cause(.unknownKeyID)
        /// The signature does not verify: a wrong secret, or a Zendesk API token used as a JWT secret.
        public static let signatureMismatch = Cause(.signatureMismatch)
        /// The token's `alg` does not fit the configured key (for example RS256 against a shared secret).
        public static let algorithmMismatch = Cause(.algorithmMismatch)
        /// An OAuth token lacks a scope the call needs.
        public static let missingScope = Cause(.missingScope)
        /// A configured scope does not exist in that product (`scim:users:write`, `chat:*` in Support
        /// OAuth, `webchat:interaction` in Genesys).
        public static let nonexistentScope = Cause(.nonexistentScope)
        /// The Genesys OAuth client's role lacks a permission (403).
        public static let missingPermission = Cause(.missingPermission)
        /// A platform (client-credentials) access token was handed to a widget.
        public static let platformTokenInWidget = Cause(.platformTokenInWidget)
        /// The Messenger deployment id is unknown to this region.
        public static let deploymentNotFound = Cause(.deploymentNotFound)
        /// The Messenger deployment's status is not Active.
        public static let deploymentNotActive = Cause(.deploymentNotActive)
        /// The page's origin is not in the deployment's allowed domains.
        public static let originNotAllowed = Cause(.originNotAllowed)
        /// The OpenID Connect Messenger Configuration integration is not Active.
        public static let integrationNotActive = Cause(.integrationNotActive)
        /// Genesys could not reach our OpenID provider (discovery, JWKS or token endpoint).
        public static let identityProviderUnavailable = Cause(.identityProviderUnavailable)
        /// An authorization code (or refresh token) that was reused, expired, or bound to something else.
        public static let authorizationCodeRejected = Cause(.authorizationCodeRejected)
        /// A 429: rate limited, not unauthorized.
        public static let rateLimited = Cause(.rateLimited)
        /// The peer refused a token without saying why: expired, revoked, or the wrong kind of token.
        public static let tokenRejected = Cause(.tokenRejected)
        /// A token that verifies but breaks a rule (claims, issuer, audience, type, format).
        public static let invalidToken = Cause(.invalidToken)
        /// A single-use token (an SSO `jti`) seen twice.
        public static let replayedToken = Cause(.replayedToken)
        /// A configuration value AuthBridge cannot use.
        public static let invalidConfiguration = Cause(.invalidConfiguration)
        /// The peer failed or could not be reached (5xx, timeout, connection).
        public static let peerUnavailable = Cause(.peerUnavailable)
        /// Genesys removed the API the step used (ACD web chat v2 or signed data); the remedy is Web Messaging.
        public static let retiredAPI = Cause(.retiredAPI)
        /// A value from Zendesk breaks a limit of Genesys's definitions and was left out; the rest was written.
        public static let dataOmitted = Cause(.dataOmitted)
        /// A Support credential (OAuth client, token) used on Zendesk's Chat API, which takes only a Chat
        /// API client's.
        public static let wrongZendeskAPI = Cause(.wrongZendeskAPI)
        /// Nothing more specific fits; the evidence is still shown.
        public static let unknown = Cause(.unknown)

        /// The cause's stable name, for example `expiredToken`; bounded, safe as a metric label and in JSON.
        public var name: String { self.base.rawValue }

        /// The cause in plain English, for example "expired token".
        public var description: String {
            switch self.base {
            case .wrongRegion: "wrong Genesys region"
            case .secretSentWrongWay: "client secret sent the wrong way"
            case .clientCredentialsRejected: "client id or secret rejected"
            case .expiredToken: "expired token"
            case .clockSkew: "clock skew beyond the leeway"
            case .unknownKeyID: "unknown signing key id (kid)"
            case .signatureMismatch: "signature mismatch"
            case .algorithmMismatch: "algorithm does not fit the key"
            case .missingScope: "OAuth token lacks a scope"
            case .nonexistentScope: "scope that does not exist"
            case .missingPermission: "OAuth client lacks a permission"
            case .platformTokenInWidget: "platform token handed to a widget"
            case .deploymentNotFound: "Messenger deployment not found"
            case .deploymentNotActive: "Messenger deployment not Active"
            case .originNotAllowed: "origin not allowed by the deployment"
            case .integrationNotActive: "OpenID integration not Active"
            case .identityProviderUnavailable: "identity provider unreachable for Genesys"
            case .authorizationCodeRejected: "authorization code reused, expired or mismatched"
            case .rateLimited: "rate limited (429), not unauthorized"
            case .tokenRejected: "token refused (expired, revoked or wrong kind)"
            case .invalidToken: "token breaks a validation rule"
            case .replayedToken: "single-use token replayed"
            case .invalidConfiguration: "invalid configuration"
            case .peerUnavailable: "peer failed or unreachable"
            case .retiredAPI: "API retired by Genesys"
            case .dataOmitted: "value left out to fit a Genesys limit"
            case .wrongZendeskAPI: "Support credential used on Zendesk's Chat API"
            case .unknown: "unrecognised failure"
            }
        }
    }
}
