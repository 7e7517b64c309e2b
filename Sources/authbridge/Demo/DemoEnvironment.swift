import AsyncHTTPClient
import AuthBridge
import AuthBridgeServer
import AuthBridgeTesting
import Foundation
import Hummingbird
import InMemoryLogging
import Logging
import NIOPosix

/// Everything the demo runs in-process: the Zendesk and Genesys emulators and AuthBridge's server, wired
/// as a site would wire them, on loopback ports.
struct DemoEnvironment {
    static let messagingKeyID = "app_64f0c0ffee00112233445566"
    static let messagingSecret = "demo-messaging-signing-secret-0123456789abcdef"
    static let chatSecret = "demo-chat-visitor-shared-secret-0123456789abcd"
    static let ssoSecret = "demo-sso-shared-secret-0123456789abcdef01234567"
    static let oauthToken = "demo-zendesk-oauth-access-token-0123456789ab"
    static let messengerClientID = "genesys-messenger"
    static let messengerClientSecret = "demo-messenger-client-secret-0123456789abcdef"
    static let redirectURI = "https://shop.example.com/chat/callback"
    static let messengerDeploymentID = "demo-messenger-deployment"
    static let chatID = "1704.2314815.QHgVx6SOrRuSx"
    static let origin = "https://shop.example.com"
    static let dataActionUser = "genesys-data-actions"
    static let dataActionSecret = "demo-data-action-secret-0123456789"

    let zendesk: ZendeskEmulator
    let genesys: GenesysEmulator
    let server: AuthBridgeHTTPServer.Running
    let httpClient: HTTPClient
    let genesysBroker: TokenBroker<GenesysOAuthClient, CoarseMonotonicClock>
    let zendeskBroker: TokenBroker<ZendeskChatAPIClient, CoarseMonotonicClock>
    let logs: InMemoryLogHandler

    var baseURL: String { self.server.baseURL }

    /// - Parameter pageOrigins: Origins of pages that run Messenger against this environment (the example
    ///   page of `demo --serve`): AuthBridge's CORS allows them, and so does the Messenger deployment.
    static func start(logLevel: Logger.Level, legacyWebChat: Bool, pageOrigins: [String] = []) async throws -> DemoEnvironment {
        var handler = InMemoryLogHandler()
        handler.logLevel = logLevel
        let logs = handler
        let logger = Logger(label: "authbridge", factory: { _ in logs })

        let zendesk = try await ZendeskEmulator.start()
        zendesk.addChatClient(ZendeskEmulatorChatClient(identifier: "authbridge", secret: Secret("demo-zendesk-client-secret")))
        zendesk.addToken(ZendeskEmulatorToken(value: Secret(Self.oauthToken), userID: 4242, scopes: ["read"]))
        zendesk.addChat(ZendeskEmulator.sampleChat(id: Self.chatID))
        Self.seedMessaging(zendesk)
        let genesys = try await GenesysEmulator.start(.init(requiresMemberAuthentication: true, legacyWebChat: legacyWebChat))
        let pageHosts = pageOrigins.compactMap { URL(string: $0)?.host }
        genesys.deploy(.init(id: Self.messengerDeploymentID, allowedDomains: ["shop.example.com"] + pageHosts))

        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
        let zendeskBase = try ZendeskBaseURL(overriding: zendesk.baseURL)
        let zendeskClient = ZendeskChatAPIClient(clientID: "authbridge", baseURL: zendeskBase)
        let zendeskBroker = TokenBroker(
            provider: ZendeskChatTokenProvider(
                client: zendeskClient,
                clientSecret: Secret("demo-zendesk-client-secret"),
                httpClient: httpClient,
                logger: logger
            ),
            configuration: .init(name: "zendesk"),
            logger: logger
        )
        let region = try GenesysRegion.custom(baseURL: genesys.baseURL)
        let credentials = GenesysCredentials(clientID: "emulator-client", clientSecret: Secret("emulator-secret"), region: region)
        let genesysBroker = TokenBroker(
            provider: GenesysTokenProvider(httpClient: httpClient, credentials: [credentials], logger: logger),
            configuration: .init(name: "genesys"),
            logger: logger
        )

        // The provider's issuer names the port, so take a free one before the server starts on it.
        let port = try await Self.freePort()
        let issuer = "http://127.0.0.1:\(port)"
        // Messenger's subjects bound to the Zendesk sessions, for the messaging-context data action.
        let bindings = SubjectBindings()
        let provider = OpenIDProvider(
            configuration: .init(issuer: issuer),
            keyRing: try OpenIDKeyRing(current: .generate(for: .rs256, keyID: "demo-1"), next: .generate(for: .rs256, keyID: "demo-2")),
            clients: [OpenIDClient(id: Self.messengerClientID, secret: Secret(Self.messengerClientSecret), redirectURIs: [Self.redirectURI])],
            codeStore: InMemoryOneTimeCodeStore(),
            refreshTokenStore: InMemoryRefreshTokenStore(),
            subjectObserver: bindings,
            logger: logger
        )
        let bridge = SessionBridge(
            validators: [
                .messagingJWT: try ZendeskMessagingJWTValidator(
                    configuration: .init(signingKeys: [ZendeskSigningKey(keyID: Self.messagingKeyID, secret: Secret(Self.messagingSecret))])
                ),
                .chatVisitorJWT: try ZendeskChatVisitorJWTValidator(
                    // The demo site vouches for the emails it signs (zendesk.chat.emailVerified): a Chat is the
                    // customer's only by a verified email.
                    configuration: .init(sharedSecret: Secret(Self.chatSecret), treatsEmailAsVerified: true)),
                .ssoJWT: try ZendeskSSOJWTValidator(
                    configuration: .init(sharedSecret: Secret(Self.ssoSecret)),
                    replayStore: InMemoryReplayStore(maximumEntries: 10_000)
                ),
                .oauthToken: try ZendeskOAuthTokenValidator(configuration: .init(baseURL: zendeskBase), httpClient: httpClient, logger: logger),
            ],
            messenger: provider,
            genesys: GenesysTarget(
                client: GenesysCloudClient(httpClient: httpClient, serviceToken: genesysBroker.handle(for: credentials.client), logger: logger),
                guestChat: .init(
                    organizationID: "emulated-org",
                    deploymentID: "emulated-deployment",
                    routingTarget: GenesysRoutingTarget(queueName: "Support")
                ),
                legacyWebChat: legacyWebChat
            ),
            history: HistorySources(
                zendeskChat: ZendeskChatHistoryReader(tokens: zendeskBroker.handle(for: zendeskClient), httpClient: httpClient),
                sunshine: SunshineConversationsReader(
                    configuration: .init(baseURL: zendeskBase, appID: Self.sunshineAppID),
                    credential: SunshineConversationsCredential(keyID: "app_demo", secret: Secret("demo-sunshine-secret")),
                    httpClient: httpClient
                )
            ),
            subjectBindings: bindings,
            logger: logger
        )
        let server = try await AuthBridgeHTTPServer(
            configuration: .init(port: port, cors: CORSPolicy(allowedOrigins: [Self.origin] + pageOrigins)),
            logger: logger,
            routes: { router in
                OpenIDRoutes(provider: provider).register(on: router)
                BridgeRoutes(bridge: bridge).register(on: router)
                MessagingContextRoutes(bridge: bridge, userName: Self.dataActionUser, secret: Secret(Self.dataActionSecret)).register(on: router)
            }
        ).start()
        // Genesys's side as shipped: the inbound message flow calls the data action file from the repository.
        if let action = Self.shippedDataAction() {
            genesys.installInboundMessageFlow(
                GenesysEmulatorInboundMessageFlow(dataAction: action, baseURL: issuer, userName: Self.dataActionUser, secret: Self.dataActionSecret)
            )
        }
        genesys.install(
            .init(
                discoveryURI: issuer + "/.well-known/openid-configuration",
                clientID: Self.messengerClientID,
                clientSecret: Self.messengerClientSecret
            )
        )
        return DemoEnvironment(
            zendesk: zendesk,
            genesys: genesys,
            server: server,
            httpClient: httpClient,
            genesysBroker: genesysBroker,
            zendeskBroker: zendeskBroker,
            logs: logs
        )
    }

    func stop() async {
        await self.genesysBroker.shutdown()
        await self.zendeskBroker.shutdown()
        try? await self.httpClient.shutdown()
        try? await self.server.stop()
        await self.genesys.stop()
        await self.zendesk.stop()
    }

    /// A free loopback port: bound, read and released.
    /// `Integrations/GenesysCloud/messaging-context.data-action.json` of the checkout this binary was built
    /// from; `nil` when it is not there (a binary copied elsewhere).
    static func shippedDataAction() -> GenesysEmulatorDataAction? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let file = root.appendingPathComponent("Integrations/GenesysCloud/messaging-context.data-action.json")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        return try? GenesysEmulatorDataAction(json: text)
    }

    static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }

    /// The operator's log entry for a correlation id (what the browser never sees), as text values.
    func logEntry(correlationID: String) -> [String: String]? {
        guard let entry = self.logs.entries.first(where: { $0.metadata["authbridge.correlation_id"].map { "\($0)" } == correlationID }) else {
            return nil
        }
        return entry.metadata.reduce(into: [:]) { $0[$1.key] = "\($1.value)" }
    }

    // MARK: - Credentials as the site mints them

    static let sunshineAppID = "demo-app"

    /// The Chat visitor's Messaging side: the same external id, one conversation a minute old with every
    /// kind of message (an activity line, a form response, a private attachment among them).
    static func seedMessaging(_ zendesk: ZendeskEmulator) {
        zendesk.addSunshineKey(keyID: "app_demo", secret: Secret("demo-sunshine-secret"))
        zendesk.addUser(ZendeskEmulator.sampleUser(id: "user-demo", externalID: "zd-visitor-10001"), appID: Self.sunshineAppID)
        let start = Date().timeIntervalSince1970 - 60
        let messages = ZendeskEmulator.sampleConversation(userID: "user-demo").enumerated().map { index, message -> ContextValue in
            guard case .object(var members) = message else { return message }
            members["received"] = .string(ZendeskEmulator.sunshineTime(start + Double(index)))
            return .object(members)
        }
        zendesk.addMessages(messages, conversationID: "conv-demo", appID: Self.sunshineAppID)
    }

    static func sign(_ claims: JSONObject, secret: String, keyID: String?) throws -> String {
        try JWTSigner(key: JWTKey.hmac(secret: Array(secret.utf8), keyID: keyID)).sign(claims)
    }

    static func messagingJWT(issuedAgo: Double = 0, lifetime: Double = 600) throws -> String {
        let now = Date().timeIntervalSince1970.rounded(.down) - issuedAgo
        return try Self.sign(
            [
                "scope": "user", "external_id": "zd-customer-4711", "name": "Ada King Lovelace", "email": "ada@example.com",
                "email_verified": true, "iat": .number(now), "exp": .number(now + lifetime),
            ],
            secret: Self.messagingSecret,
            keyID: Self.messagingKeyID
        )
    }

    static func chatVisitorJWT(externalID: String = "zd-visitor-10001") throws -> String {
        let now = Date().timeIntervalSince1970.rounded(.down)
        return try Self.sign(
            ["external_id": .string(externalID), "name": "Ada Visitor", "email": "ada@example.com", "iat": .number(now), "exp": .number(now + 600)],
            secret: Self.chatSecret,
            keyID: nil
        )
    }

    static func ssoJWT() throws -> String {
        let now = Date().timeIntervalSince1970.rounded(.down)
        return try Self.sign(
            [
                "jti": .string(UUID().uuidString), "external_id": "zd-sso-77", "name": "Grace Hopper", "email": "grace@example.com",
                "iat": .number(now),
            ],
            secret: Self.ssoSecret,
            keyID: nil
        )
    }
}
