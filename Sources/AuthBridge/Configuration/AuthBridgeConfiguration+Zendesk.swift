public import AuthBridgeCore
public import AuthBridgeZendesk

extension AuthBridgeConfiguration {
    /// The Zendesk account and the credentials the site's pages present.
    ///
    /// | key | meaning |
    /// |---|---|
    /// | `zendesk.subdomain` or `zendesk.baseURL` | the Zendesk account (`baseURL` for emulators) |
    /// | `zendesk.messaging.keyId`, `zendesk.messaging.secret` | Messaging JWT signing key (secret: 32+ bytes, not an API token) |
    /// | `zendesk.messaging.requireExpiry` | refuse Messaging JWTs without `exp` (default true; Zendesk documents no such rule) |
    /// | `zendesk.chat.sharedSecret` | Chat visitor JWT secret (16+ bytes) |
    /// | `zendesk.sso.sharedSecret` | SSO JWT secret (16+ bytes) |
    /// | `zendesk.oauth.enabled`, `zendesk.oauth.requiredScopes` | accept Zendesk OAuth tokens (introspected); default scope `read` |
    /// | `zendesk.chat.client.id`, `zendesk.chat.client.secret` | Chat API OAuth client (Chat dashboard, confidential) that reads chat history |
    /// | `zendesk.client.id`, `zendesk.client.secret` | Support OAuth client (client credentials, `tickets:read users:read`) that reads ticket context and who an OAuth session's user is |
    /// | `zendesk.sunshine.appId`, `zendesk.sunshine.key.id`, `zendesk.sunshine.key.secret`, `zendesk.sunshine.brandId` | Sunshine Conversations API key that reads Messaging history; the brand of brand-separated users |
    /// | `zendesk.tickets.customFieldIds` | the ticket custom fields (ids) carried with the ticket context |
    /// | `zendesk.history.maximumConversations`, `zendesk.history.maximumAgeDays` | how many recent conversations per source (default 3, 0–20) and how old (default 30, 1–365 days) are found |
    /// | `zendesk.chat.emailVerified`, `zendesk.sso.emailVerified` | treat the JWT's `email` as verified (default false): only a verified email finds history |
    ///
    /// At least one credential kind must be configured.
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
        /// The Chat API OAuth client that reads chat history, and its secret. Only a client created in
        /// the Chat dashboard gets tokens the Chat API accepts.
        public var chatClient: (id: String, secret: Secret)?
        /// The Support OAuth client that reads ticket context, and its secret. Its tokens are refused by
        /// the Chat API.
        public var supportClient: (id: String, secret: Secret)?
        /// The Sunshine Conversations app and API key that read Messaging history.
        public var sunshine: (appID: String, credential: SunshineConversationsCredential, brandID: String?)?
        /// How many recent conversations, and how old, are found per source.
        public var historyWindow: HistoryWindow
        /// The ticket custom fields carried, by id.
        public var ticketCustomFieldIDs: Set<String>
        /// Whether a Messaging JWT needs `exp` (Zendesk does not say it does; AuthBridge does by default).
        public var messagingRequiresExpiry: Bool
        /// Whether the Chat visitor JWT's `email` counts as verified.
        public var chatEmailVerified: Bool
        /// Whether the SSO JWT's `email` counts as verified.
        public var ssoEmailVerified: Bool

        /// Creates the section.
        /// - Parameters:
        ///   - baseURL: The account; needed for OAuth tokens and history.
        ///   - messagingKey: The Messaging JWT key, if used.
        ///   - chatSharedSecret: The Chat visitor JWT secret, if used.
        ///   - ssoSharedSecret: The SSO JWT secret, if used.
        ///   - acceptsOAuthTokens: Default `false`.
        ///   - requiredScopes: Default `read`.
        ///   - chatClient: The Chat API OAuth client, if any.
        ///   - supportClient: The Support OAuth client, if any.
        ///   - sunshine: The Sunshine Conversations app and key, if any.
        ///   - historyWindow: Default 3 conversations of at most 30 days per source.
        ///   - ticketCustomFieldIDs: Default none.
        ///   - messagingRequiresExpiry: Default `true`.
        ///   - chatEmailVerified: Default `false`.
        ///   - ssoEmailVerified: Default `false`.
        public init(
            baseURL: ZendeskBaseURL? = nil,
            messagingKey: ZendeskSigningKey? = nil,
            chatSharedSecret: Secret? = nil,
            ssoSharedSecret: Secret? = nil,
            acceptsOAuthTokens: Bool = false,
            requiredScopes: Set<String> = ["read"],
            chatClient: (id: String, secret: Secret)? = nil,
            supportClient: (id: String, secret: Secret)? = nil,
            sunshine: (appID: String, credential: SunshineConversationsCredential, brandID: String?)? = nil,
            historyWindow: HistoryWindow = HistoryWindow(),
            ticketCustomFieldIDs: Set<String> = [],
            messagingRequiresExpiry: Bool = true,
            chatEmailVerified: Bool = false,
            ssoEmailVerified: Bool = false
        ) {
            self.baseURL = baseURL
            self.messagingKey = messagingKey
            self.chatSharedSecret = chatSharedSecret
            self.ssoSharedSecret = ssoSharedSecret
            self.acceptsOAuthTokens = acceptsOAuthTokens
            self.requiredScopes = requiredScopes
            self.chatClient = chatClient
            self.supportClient = supportClient
            self.sunshine = sunshine
            self.historyWindow = historyWindow
            self.ticketCustomFieldIDs = ticketCustomFieldIDs
            self.messagingRequiresExpiry = messagingRequiresExpiry
            self.chatEmailVerified = chatEmailVerified
            self.ssoEmailVerified = ssoEmailVerified
        }
    }
}

extension AuthBridgeConfiguration.Zendesk {
    /// Reads the `zendesk.*` keys, recording every problem in `read`.
    package init(reading read: inout ConfigurationReading) {
        var baseURL: ZendeskBaseURL?
        if let url = read.string("zendesk.baseURL") {
            do { baseURL = try ZendeskBaseURL(overriding: url) } catch { read.problem("zendesk.baseURL", "is not a usable Zendesk URL") }
        } else if let name = read.string("zendesk.subdomain") {
            do { baseURL = ZendeskBaseURL(subdomain: try ZendeskSubdomain(name)) } catch {
                read.problem("zendesk.subdomain", "is not a Zendesk subdomain (letters, digits, hyphens)")
            }
        }
        var messagingKey: ZendeskSigningKey?
        let keyID = read.string("zendesk.messaging.keyId")
        if let secret = read.secret("zendesk.messaging.secret", minimumBytes: 32) {
            if Self.looksLikeAPIToken(secret) {
                read.problem("zendesk.messaging.secret", "looks like a Zendesk API token (40 letters and digits), not a Messaging JWT signing secret")
            } else if let keyID {
                messagingKey = ZendeskSigningKey(keyID: keyID, secret: secret)
            } else {
                read.problem("zendesk.messaging.keyId", "is required with zendesk.messaging.secret (the key's id, app_…)")
            }
        } else if keyID != nil {
            read.problem("zendesk.messaging.secret", "is required with zendesk.messaging.keyId")
        }
        let chat = read.secret("zendesk.chat.sharedSecret", minimumBytes: 16)
        let sso = read.secret("zendesk.sso.sharedSecret", minimumBytes: 16)
        let oauth = read.bool("zendesk.oauth.enabled")
        if oauth, baseURL == nil { read.problem("zendesk.oauth.enabled", "needs zendesk.subdomain or zendesk.baseURL to introspect tokens") }
        var scopes = Set(read.strings("zendesk.oauth.requiredScopes"))
        if scopes.isEmpty { scopes = ["read"] }
        let chatClient = Self.client(at: "zendesk.chat.client", needs: "to read chat history", hasBaseURL: baseURL != nil, &read)
        let supportClient = Self.client(at: "zendesk.client", needs: "to read ticket context", hasBaseURL: baseURL != nil, &read)
        var sunshine: (appID: String, credential: SunshineConversationsCredential, brandID: String?)?
        let appID = read.string("zendesk.sunshine.appId")
        let sunshineKey = Self.client(at: "zendesk.sunshine.key", needs: "to read Messaging history", hasBaseURL: baseURL != nil, &read)
        let brandID = read.string("zendesk.sunshine.brandId")
        switch (appID, sunshineKey) {
        case (let app?, let key?): sunshine = (app, SunshineConversationsCredential(keyID: key.id, secret: key.secret), brandID)
        case (nil, .some): read.problem("zendesk.sunshine.appId", "is required with zendesk.sunshine.key.id")
        case (.some, nil): read.problem("zendesk.sunshine.key.id", "is required with zendesk.sunshine.appId")
        case (nil, nil): break
        }
        let window = HistoryWindow(
            maximumConversations: read.int("zendesk.history.maximumConversations", default: 3, in: 0...20),
            maximumAge: .seconds(86_400 * read.int("zendesk.history.maximumAgeDays", default: 30, in: 1...365))
        )
        let customFields = Set(read.strings("zendesk.tickets.customFieldIds"))
        let requiresExpiry = read.optionalBool("zendesk.messaging.requireExpiry") ?? true
        let chatEmailVerified = read.bool("zendesk.chat.emailVerified")
        let ssoEmailVerified = read.bool("zendesk.sso.emailVerified")
        if messagingKey == nil, chat == nil, sso == nil, !oauth {
            read.problem(
                "zendesk",
                "no credential kind is configured: set zendesk.messaging.*, zendesk.chat.sharedSecret, zendesk.sso.sharedSecret or zendesk.oauth.enabled"
            )
        }
        self.init(
            baseURL: baseURL,
            messagingKey: messagingKey,
            chatSharedSecret: chat,
            ssoSharedSecret: sso,
            acceptsOAuthTokens: oauth,
            requiredScopes: scopes,
            chatClient: chatClient,
            supportClient: supportClient,
            sunshine: sunshine,
            historyWindow: window,
            ticketCustomFieldIDs: customFields,
            messagingRequiresExpiry: requiresExpiry,
            chatEmailVerified: chatEmailVerified,
            ssoEmailVerified: ssoEmailVerified
        )
    }

    /// An OAuth client's `<prefix>.id` and `<prefix>.secret`, both or neither.
    private static func client(
        at prefix: String,
        needs purpose: String,
        hasBaseURL: Bool,
        _ read: inout ConfigurationReading
    ) -> (id: String, secret: Secret)? {
        guard let id = read.string("\(prefix).id") else {
            if read.secret("\(prefix).secret", minimumBytes: 8) != nil { read.problem("\(prefix).id", "is required with \(prefix).secret") }
            return nil
        }
        guard let secret = read.secret("\(prefix).secret", minimumBytes: 8) else {
            read.problem("\(prefix).secret", "is required with \(prefix).id")
            return nil
        }
        if !hasBaseURL { read.problem("\(prefix).id", "needs zendesk.subdomain or zendesk.baseURL \(purpose)") }
        return (id, secret)
    }

    /// Zendesk API tokens are 40 letters and digits; a Messaging signing secret is not one.
    static func looksLikeAPIToken(_ secret: Secret) -> Bool {
        secret.withUnsafeBytes { bytes in
            bytes.count == 40 && bytes.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
        }
    }
}
