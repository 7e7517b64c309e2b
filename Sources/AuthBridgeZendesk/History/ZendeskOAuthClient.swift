/// A Zendesk OAuth client of your own, used with client credentials to read Chat history: the broker key
/// of ``ZendeskClientCredentialsProvider``.
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
