/// A Zendesk Support OAuth client of your own (Admin Center > Apps and integrations > APIs, kind
/// `confidential`), used with client credentials to read Support data such as tickets: the broker key of
/// ``ZendeskClientCredentialsProvider``. The Chat API refuses its tokens: use ``ZendeskChatAPIClient``
/// there.
///
/// Its description (`<client id>@<host>`) appears in logs and errors; it holds no secret.
public struct ZendeskOAuthClient: Hashable, Sendable, CustomStringConvertible {
    /// The OAuth client's unique identifier.
    public var clientID: String
    /// The account whose `/oauth/tokens` issues the tokens.
    public var baseURL: ZendeskBaseURL
    /// The scopes to ask for; default `["read"]`.
    public var scopes: [String]

    /// Creates a client key.
    /// - Parameters:
    ///   - clientID: The client's identifier.
    ///   - baseURL: The account's base URL.
    ///   - scopes: The scopes to request.
    public init(clientID: String, baseURL: ZendeskBaseURL, scopes: [String] = ["read"]) {
        self.clientID = clientID
        self.baseURL = baseURL
        self.scopes = scopes
    }

    /// `<client id>@<base URL>`.
    public var description: String { "\(self.clientID)@\(self.baseURL)" }
}
