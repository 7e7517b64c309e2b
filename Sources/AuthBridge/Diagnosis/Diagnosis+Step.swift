extension Diagnosis {
    /// Where in the bridge a failure happened.
    ///
    /// A struct over a private enum, like `CredentialKind`, so later steps fit a minor release.
    public struct Step: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case zendeskValidation
            case zendeskHistoryRead
            case genesysToken
            case signedData
            case guestChatCreate
            case contextTransfer
            case messengerCode
            case messengerExchange
            case oidcTokenEndpoint
            case oidcDiscovery
            case configuration
            case request
            case mappingStore
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// Checking the customer's Zendesk credential (a JWT or an OAuth token).
        public static let zendeskValidation = Step(.zendeskValidation)
        /// Reading the Zendesk chat or conversation history.
        public static let zendeskHistoryRead = Step(.zendeskHistoryRead)
        /// Getting the Genesys platform (client-credentials) token from `login.{domain}/oauth/token`.
        public static let genesysToken = Step(.genesysToken)
        /// `POST /api/v2/signeddata`: the Web Chat member token.
        public static let signedData = Step(.signedData)
        /// Creating the guest chat conversation.
        public static let guestChatCreate = Step(.guestChatCreate)
        /// Carrying context and transcript across (participant attributes, External Contacts, notes).
        public static let contextTransfer = Step(.contextTransfer)
        /// Minting the one-time code the page hands to Messenger (`getAuthCode`).
        public static let messengerCode = Step(.messengerCode)
        /// Messenger's `oauthcodegrantjwtexchange` (or refresh) at Genesys.
        public static let messengerExchange = Step(.messengerExchange)
        /// Our OpenID provider's token endpoint, as Genesys's backend calls it.
        public static let oidcTokenEndpoint = Step(.oidcTokenEndpoint)
        /// Our OpenID provider's discovery document and JWKS, fetched from the issuer URL the way Genesys
        /// fetches them (`authbridge doctor`).
        public static let oidcDiscovery = Step(.oidcDiscovery)
        /// Loading or checking the configuration.
        public static let configuration = Step(.configuration)
        /// The page's request itself: a credential kind or widget this deployment is not configured for.
        public static let request = Step(.request)
        /// Reading or writing the session → conversation mapping.
        public static let mappingStore = Step(.mappingStore)

        /// The step's stable name, for example `genesysToken`; bounded, safe as a metric label and in JSON.
        public var name: String { self.base.rawValue }

        /// The step in plain English, for example "Genesys token".
        public var description: String {
            switch self.base {
            case .zendeskValidation: "Zendesk validation"
            case .zendeskHistoryRead: "Zendesk history read"
            case .genesysToken: "Genesys token"
            case .signedData: "signed data"
            case .guestChatCreate: "guest chat create"
            case .contextTransfer: "context transfer"
            case .messengerCode: "Messenger code"
            case .messengerExchange: "Messenger exchange"
            case .oidcTokenEndpoint: "OIDC token endpoint"
            case .oidcDiscovery: "OIDC discovery"
            case .configuration: "configuration"
            case .request: "request"
            case .mappingStore: "session mapping store"
            }
        }

        /// Steps whose credential is read by a widget or the page, where a platform token does not belong.
        var isWidgetStep: Bool {
            switch self.base {
            case .guestChatCreate, .messengerCode, .messengerExchange: true
            default: false
            }
        }
    }
}
