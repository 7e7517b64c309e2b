public import AsyncHTTPClient
public import AuthBridgeCore
import Foundation
public import Logging
import NIOHTTP1

/// Fetches the bridge's own Zendesk OAuth token with the client-credentials grant
/// (`POST /oauth/tokens`), for a `TokenBroker` to cache and refresh.
///
/// The token reads Support data (tickets); it never leaves the server, and the Chat API refuses it. Zendesk answers `expires_in` for expiring
/// tokens; when it sends none (a legacy non-expiring token), the token is kept for
/// ``defaultLifetime`` and then fetched again.
///
/// ```swift
/// let client = ZendeskOAuthClient(clientID: "authbridge", baseURL: subdomain.baseURL, scopes: ["tickets:read"])
/// let provider = ZendeskClientCredentialsProvider(client: client, clientSecret: secret, httpClient: http, logger: logger)
/// let broker = TokenBroker(provider: provider, logger: logger)
/// let token = try await broker.handle(for: client).token()
/// ```
public struct ZendeskClientCredentialsProvider: TokenProvider {
    /// The key type: one OAuth client.
    public typealias Key = ZendeskOAuthClient

    /// The client this provider holds the secret of.
    public let client: ZendeskOAuthClient
    /// How long a token without `expires_in` is kept.
    public let defaultLifetime: Duration
    private let clientSecret: Secret
    private let http: ZendeskTransport
    private let logger: Logger

    /// Creates a provider.
    /// - Parameters:
    ///   - client: The OAuth client.
    ///   - clientSecret: Its secret.
    ///   - httpClient: Your application's client; never shut down here.
    ///   - http: Timeouts and body cap (the grant is a POST and is not retried here: the broker retries).
    ///   - defaultLifetime: For tokens without `expires_in`; default 1 hour.
    ///   - logger: Where the provider logs (never a token or secret).
    public init(
        client: ZendeskOAuthClient,
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
    /// - Throws: ``ZendeskError``: `.unauthorized` (wrong client or secret, permanent), `.rateLimited`,
    ///   `.serverError`, `.timeout` (transient), `.invalidConfiguration` for another key.
    public func fetchToken(for key: ZendeskOAuthClient) async throws -> AccessToken {
        guard key == self.client else {
            throw ZendeskError(.invalidConfiguration, "this provider holds the secret of another OAuth client", field: "clientID")
        }
        var body: [String: String] = [
            "grant_type": "client_credentials",
            "client_id": key.clientID,
            "client_secret": self.clientSecret.revealed,
        ]
        if !key.scopes.isEmpty { body["scope"] = key.scopes.joined(separator: " ") }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        let request = ZendeskRequest(
            .POST,
            key.baseURL.appending("/oauth/tokens"),
            operation: "client credentials grant",
            headers: headers,
            body: Array(try JSONEncoder().encode(body))
        )
        let response = try await self.http.send(request, logger: self.logger)
        return try ZendeskGrantResponse.token(
            from: response, operation: "client credentials grant", defaultLifetime: self.defaultLifetime, scopes: key.scopes)
    }
}
