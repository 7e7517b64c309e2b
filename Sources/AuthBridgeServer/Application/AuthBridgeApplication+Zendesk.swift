package import AsyncHTTPClient
package import AuthBridge
package import Logging
package import Tracing

extension AuthBridgeApplication {
    /// A validator for each credential kind `zendesk.*` configures (`authbridge jwt verify --as` builds
    /// them the same way).
    package static func zendeskValidators(
        for zendesk: AuthBridgeConfiguration.Zendesk,
        stores: StoreBackend,
        httpClient: HTTPClient,
        tracer: (any Tracer)? = InstrumentationSystem.tracer,
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
                configuration: .init(baseURL: baseURL, requiredScopes: zendesk.requiredScopes, http: ZendeskHTTPPolicy(tracer: tracer)),
                httpClient: httpClient,
                logger: logger
            )
        }
        return validators
    }

    /// The history readers `zendesk.chat.client.*`, `zendesk.sunshine.*` and `zendesk.client.*` (tickets)
    /// configure, their brokers running in `lifecycle`, and each broker's first token fetch by name (the
    /// doctor's checks).
    static func zendeskHistory(
        for zendesk: AuthBridgeConfiguration.Zendesk,
        stores: StoreBackend,
        httpClient: HTTPClient,
        tracer: (any Tracer)?,
        lifecycle: inout ApplicationLifecycle,
        logger: Logger
    ) -> (sources: HistorySources, tokens: [(name: String, fetch: @Sendable () async throws -> Void)]) {
        guard let baseURL = zendesk.baseURL else { return (HistorySources(), []) }
        let http = ZendeskHTTPPolicy(tracer: tracer)
        var chat: ZendeskChatHistoryReader<CoarseMonotonicClock>?
        var tokens: [(name: String, fetch: @Sendable () async throws -> Void)] = []
        if let chatClient = zendesk.chatClient {
            let client = ZendeskChatAPIClient(clientID: chatClient.id, baseURL: baseURL)
            let broker = TokenBroker(
                provider: ZendeskChatTokenProvider(
                    client: client, clientSecret: chatClient.secret, httpClient: httpClient, http: http, logger: logger),
                coordinator: stores.tokenCoordinator(for: ZendeskChatAPIClient.self, logger: logger),
                configuration: .init(name: "zendesk-chat"),
                logger: logger
            )
            lifecycle.run(broker)
            let handle = broker.handle(for: client)
            chat = ZendeskChatHistoryReader(tokens: handle, httpClient: httpClient, http: http)
            tokens.append(("Zendesk Chat API client token", { _ = try await handle.token() }))
        }
        let sunshine = zendesk.sunshine.map { settings in
            SunshineConversationsReader(
                configuration: .init(baseURL: baseURL, appID: settings.appID, brandID: settings.brandID, http: http),
                credential: settings.credential,
                httpClient: httpClient
            )
        }
        var sources =
            chat != nil || sunshine != nil ? HistorySources(zendeskChat: chat, sunshine: sunshine, window: zendesk.historyWindow) : HistorySources()
        if let supportClient = zendesk.supportClient {
            let client = ZendeskOAuthClient(clientID: supportClient.id, baseURL: baseURL, scopes: ["tickets:read", "users:read"])
            let broker = TokenBroker(
                provider: ZendeskClientCredentialsProvider(
                    client: client, clientSecret: supportClient.secret, httpClient: httpClient, http: http, logger: logger),
                coordinator: stores.tokenCoordinator(for: ZendeskOAuthClient.self, logger: logger),
                configuration: .init(name: "zendesk-support"),
                logger: logger
            )
            lifecycle.run(broker)
            let handle = broker.handle(for: client)
            sources = sources.readingSupport(
                with: ZendeskSupportReader(tokens: handle, customFieldIDs: zendesk.ticketCustomFieldIDs, httpClient: httpClient, http: http))
            tokens.append(("Zendesk Support client token (tickets:read users:read)", { _ = try await handle.token() }))
        }
        return (sources, tokens)
    }
}
