public import AsyncHTTPClient
public import AuthBridgeCore
import Foundation
public import Logging
import NIOHTTP1

/// Fetches a Chat API token with the client-credentials grant at
/// `POST https://<subdomain>.zendesk.com/oauth2/chat/token` (form-encoded `grant_type`, `client_id`,
/// `client_secret`, `scope`), for a `TokenBroker` to cache and refresh.
///
/// Only a Chat API client made `confidential` may use this grant. The token reads chats; it never
/// leaves the server. When Zendesk sends no `expires_in`, the token is kept for ``defaultLifetime``.
///
/// ```swift
/// let client = ZendeskChatAPIClient(clientID: "chat-client", baseURL: subdomain.baseURL)
/// let provider = ZendeskChatTokenProvider(client: client, clientSecret: secret, httpClient: http, logger: logger)
/// let broker = TokenBroker(provider: provider, logger: logger)
/// let reader = ZendeskChatHistoryReader(tokens: broker.handle(for: client), httpClient: http)
/// ```
public struct ZendeskChatTokenProvider: TokenProvider {
    /// The key type: one Chat API client.
    public typealias Key = ZendeskChatAPIClient

    /// The client this provider holds the secret of.
    public let client: ZendeskChatAPIClient
    /// How long a token without `expires_in` is kept.
    public let defaultLifetime: Duration
    private let clientSecret: Secret
    private let http: ZendeskTransport
    private let logger: Logger

    /// Creates a provider.
    /// - Parameters:
    ///   - client: The Chat API client.
    ///   - clientSecret: Its secret.
    ///   - httpClient: Your application's client; never shut down here.
    ///   - http: Timeouts and body cap (the grant is a POST and is not retried here: the broker retries).
    ///   - defaultLifetime: For tokens without `expires_in`; default 1 hour.
    ///   - logger: Where the provider logs (never a token or secret).
    public init(
        client: ZendeskChatAPIClient,
        clientSecret: Secret,
        httpClient: HTTPClient,
        http: ZendeskHTTPPolicy = ZendeskHTTPPolicy(),
        defaultLifetime: Duration = .seconds(3600),
        logger: Logger
    ) {
        self.client = client
        self.clientSecret = clientSecret
        self.http = ZendeskTransport(client: httpClient, configuration: http)
        self.defaultLifetime = defaultLifetime
        self.logger = logger
    }

    /// Runs the client-credentials grant for `key`.
    /// - Parameter key: Must be ``client``.
    /// - Returns: The token.
    /// - Throws: ``ZendeskError``: `.unauthorized` (unknown client, wrong secret, or a client that is not
    ///   `confidential`: permanent), `.rateLimited`, `.serverError`, `.timeout` (transient),
    ///   `.invalidConfiguration` for another key.
    public func fetchToken(for key: ZendeskChatAPIClient) async throws -> AccessToken {
        guard key == self.client else {
            throw ZendeskError(.invalidConfiguration, "this provider holds the secret of another Chat API client", field: "clientID")
        }
        var form = "grant_type=client_credentials&client_id=" + PathSegment.escaped(key.clientID)
        form += "&client_secret=" + PathSegment.escaped(self.clientSecret.revealed)
        if !key.scopes.isEmpty { form += "&scope=" + PathSegment.escaped(key.scopes.joined(separator: " ")) }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        let operation = "Chat API client credentials grant"
        let request = ZendeskRequest(.POST, key.tokenURL, operation: operation, headers: headers, body: Array(form.utf8))
        let response = try await self.http.send(request, logger: self.logger)
        return try ZendeskGrantResponse.token(from: response, operation: operation, defaultLifetime: self.defaultLifetime, scopes: key.scopes)
    }
}
