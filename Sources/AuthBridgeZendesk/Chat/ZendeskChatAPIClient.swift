/// An OAuth client of Zendesk's Chat API, created in the Chat dashboard (Account > API & SDKs > Add API
/// client) and made `confidential` for the client-credentials grant: the broker key of
/// ``ZendeskChatTokenProvider``.
///
/// The Chat API takes only tokens of such a client. A Support OAuth client (Admin Center > Apps and
/// integrations > APIs) or a Support token is refused there, and `chat` is not a Support scope: the two
/// need separate clients and token endpoints (Zendesk's Chat API authentication guide and its staff's
/// answers; `Tests/Contracts/zendesk/zendesk-documented.json`, facts `chat.auth.*`).
///
/// Its description (`<client id>@<host>`) appears in logs and errors; it holds no secret.
public struct ZendeskChatAPIClient: Hashable, Sendable, CustomStringConvertible {
    /// The Chat OAuth client's `client_id`.
    public var clientID: String
    /// The account: tokens come from `<baseURL>/oauth2/chat/token`, chats from `<baseURL>/api/v2/chat`.
    public var baseURL: ZendeskBaseURL
    /// The scopes to ask for; default `["read"]`, which reading chats needs and nothing more.
    public var scopes: [String]

    /// Creates a client key.
    /// - Parameters:
    ///   - clientID: The client's identifier.
    ///   - baseURL: The account's base URL.
    ///   - scopes: The Chat scopes (`read`, `write`, `chat`) to request; default `read`.
    public init(clientID: String, baseURL: ZendeskBaseURL, scopes: [String] = ["read"]) {
        self.clientID = clientID
        self.baseURL = baseURL
        self.scopes = scopes
    }

    /// The Chat token endpoint, `https://<subdomain>.zendesk.com/oauth2/chat/token`.
    public var tokenURL: String { self.baseURL.appending("/oauth2/chat/token") }

    /// Where AuthBridge calls the Chat REST API: `<baseURL>/api/v2/chat`, the host the token is issued
    /// for. Zendesk's pages disagree: the reference's introduction names `https://www.zopim.com/api/v2`,
    /// its Agents page the `/api/v2/chat/...` form (fact `chat.base-url`, a documented choice).
    public var apiBaseURL: String { self.baseURL.appending("/api/v2/chat") }

    /// `<client id>@<base URL>`.
    public var description: String { "\(self.clientID)@\(self.baseURL)" }
}
