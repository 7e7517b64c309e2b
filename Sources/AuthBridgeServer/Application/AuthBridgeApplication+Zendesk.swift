package import AsyncHTTPClient
package import AuthBridge
package import Logging

extension AuthBridgeApplication {
    /// A validator for each credential kind `zendesk.*` configures (`authbridge jwt verify --as` builds
    /// them the same way).
    package static func zendeskValidators(
        for zendesk: AuthBridgeConfiguration.Zendesk,
        stores: StoreBackend,
        httpClient: HTTPClient,
        logger: Logger
    ) throws -> [CredentialKind: any SessionValidator] {
        var validators: [CredentialKind: any SessionValidator] = [:]
        if let key = zendesk.messagingKey {
            validators[.messagingJWT] = try ZendeskMessagingJWTValidator(
                configuration: .init(signingKeys: [key], requiresExpiry: zendesk.messagingRequiresExpiry))
        }
        if let secret = zendesk.chatSharedSecret {
            validators[.chatVisitorJWT] = try ZendeskChatVisitorJWTValidator(
                configuration: .init(sharedSecret: secret, treatsEmailAsVerified: zendesk.chatEmailVerified))
        }
        if let secret = zendesk.ssoSharedSecret {
            validators[.ssoJWT] = try ZendeskSSOJWTValidator(
                configuration: .init(sharedSecret: secret, treatsEmailAsVerified: zendesk.ssoEmailVerified), replayStore: stores.replayStore())
        }
        if zendesk.acceptsOAuthTokens, let baseURL = zendesk.baseURL {
            validators[.oauthToken] = try ZendeskOAuthTokenValidator(
                configuration: .init(baseURL: baseURL, requiredScopes: zendesk.requiredScopes),
                httpClient: httpClient,
                logger: logger
            )
        }
        return validators
    }

    /// The history readers `zendesk.chat.client.*` and `zendesk.sunshine.*` configure, the Chat broker
    /// running in `lifecycle`, and a way to fetch the Chat API token (the doctor's check).
    static func zendeskHistory(
        for zendesk: AuthBridgeConfiguration.Zendesk,
        stores: StoreBackend,
        httpClient: HTTPClient,
        lifecycle: inout ApplicationLifecycle,
        logger: Logger
    ) -> (sources: HistorySources, token: (@Sendable () async throws -> Void)?) {
        guard let baseURL = zendesk.baseURL else { return (HistorySources(), nil) }
        var chat: ZendeskChatHistoryReader<CoarseMonotonicClock>?
        var token: (@Sendable () async throws -> Void)?
        if let chatClient = zendesk.chatClient {
            let client = ZendeskChatAPIClient(clientID: chatClient.id, baseURL: baseURL)
            let broker = TokenBroker(
                provider: ZendeskChatTokenProvider(client: client, clientSecret: chatClient.secret, httpClient: httpClient, logger: logger),
                coordinator: stores.tokenCoordinator(for: ZendeskChatAPIClient.self, logger: logger),
                configuration: .init(name: "zendesk-chat"),
                logger: logger
            )
            lifecycle.run(broker)
            let handle = broker.handle(for: client)
            chat = ZendeskChatHistoryReader(tokens: handle, httpClient: httpClient)
            token = { _ = try await handle.token() }
        }
        let sunshine = zendesk.sunshine.map { settings in
            SunshineConversationsReader(
                configuration: .init(baseURL: baseURL, appID: settings.appID, brandID: settings.brandID),
                credential: settings.credential,
                httpClient: httpClient
            )
        }
        guard chat != nil || sunshine != nil else { return (HistorySources(), nil) }
        return (HistorySources(zendeskChat: chat, sunshine: sunshine, window: zendesk.historyWindow), token)
    }
}
