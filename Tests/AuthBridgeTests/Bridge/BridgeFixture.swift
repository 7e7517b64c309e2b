import AsyncHTTPClient
import AuthBridge
import AuthBridgeTesting
import Foundation
import InMemoryLogging
import Logging

/// Both emulators, every validator, the history reader, a Genesys client on a broker, an OpenID provider
/// and the bridge over them; torn down however the test ends.
struct BridgeFixture {
    static let messagingKeyID = "app_0123456789abcdef01234567"
    static let messagingSecret = "messaging-secret-A-0123456789abcdef0123456789"
    static let chatSecret = "chat-visitor-shared-secret-0123456789abcdef012"
    static let ssoSecret = "sso-shared-secret-0123456789abcdef0123456789ab"
    static let oauthToken = "zendesk-oauth-access-token-0123456789abcdef"
    static let chatID = "1704.2314815.QHgVx6SOrRuSx"
    static let sunshineConversationID = "conv-ada"

    let zendesk: ZendeskEmulator
    let genesys: GenesysEmulator
    let httpClient: HTTPClient
    let genesysBroker: TokenBroker<GenesysOAuthClient, CoarseMonotonicClock>
    let zendeskBroker: TokenBroker<ZendeskChatAPIClient, CoarseMonotonicClock>
    let supportBroker: TokenBroker<ZendeskOAuthClient, CoarseMonotonicClock>
    let bridge: SessionBridge
    let mappings: any SessionMappingStore
    let logs: InMemoryLogHandler

    static func with<T>(
        requiresMemberAuthentication: Bool = true,
        legacyWebChat: Bool = true,
        mappings: any SessionMappingStore = InMemorySessionMappingStore(),
        sealingKey: Secret? = nil,
        subjectBindings: Bool = false,
        sunshine: Bool = false,
        supportUserKnown: Bool = true,
        emailVerified: Bool = false,
        _ body: (BridgeFixture) async throws -> T
    ) async throws -> T {
        var handler = InMemoryLogHandler()
        handler.logLevel = .trace
        let logs = handler
        let logger = Logger(label: "bridge-test", factory: { _ in logs })
        let zendesk = try await ZendeskEmulator.start()
        let genesys = try await GenesysEmulator.start(.init(requiresMemberAuthentication: requiresMemberAuthentication, legacyWebChat: legacyWebChat))
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)

        // Zendesk: an OAuth client for history reads, a customer's OAuth token, and an earlier chat.
        zendesk.addChatClient(ZendeskEmulatorChatClient(identifier: "authbridge", secret: Secret("zendesk-client-secret")))
        zendesk.addToken(ZendeskEmulatorToken(value: Secret(Self.oauthToken), userID: 4242, scopes: ["read"]))
        // Started now, so it is always inside the history window.
        let chat = ZendeskEmulator.sampleChat(id: Self.chatID)
        zendesk.addChat(chat.setting("timestamp", to: .string(ZendeskEmulator.sunshineTime(Date().timeIntervalSince1970 - 120))))
        let zendeskBase = try ZendeskBaseURL(overriding: zendesk.baseURL)
        var sunshineReader: SunshineConversationsReader?
        if sunshine {
            // The same customer in Messaging: external id customer-42, Zendesk user 4242, one conversation
            // with every kind of message, a minute old.
            let user = ZendeskEmulator.sampleUser(id: "user-1", externalID: "customer-42")
            zendesk.addUser(user.setting("zendeskId", to: "4242"), appID: "app-1")
            zendesk.addSunshineKey(keyID: "app_key", secret: Secret("sc-secret"))
            let messages = ZendeskEmulator.sampleConversation(userID: "user-1")
            let start = Date().timeIntervalSince1970 - 60
            let recent = messages.enumerated().map { index, message in
                message.setting("received", to: .string(ZendeskEmulator.sunshineTime(start + Double(index))))
            }
            zendesk.addMessages(recent, conversationID: Self.sunshineConversationID, appID: "app-1")
            // Its Support ticket, which only the customer's Zendesk user (4242) names; and that user, whom an
            // OAuth token names by id only.
            zendesk.addTicket(ZendeskEmulator.sampleTicket(id: 4243, requesterID: 4242))
            if supportUserKnown {
                zendesk.addSupportUser(["id": 4242, "external_id": "customer-42", "email": "ada@example.com", "verified": true, "name": "Ada"])
            }
            sunshineReader = SunshineConversationsReader(
                configuration: .init(baseURL: zendeskBase, appID: "app-1"),
                credential: SunshineConversationsCredential(keyID: "app_key", secret: Secret("sc-secret")),
                httpClient: httpClient
            )
        }
        let zendeskClient = ZendeskChatAPIClient(clientID: "authbridge", baseURL: zendeskBase)
        let zendeskBroker = TokenBroker(
            provider: ZendeskChatTokenProvider(
                client: zendeskClient, clientSecret: Secret("zendesk-client-secret"), httpClient: httpClient, logger: logger),
            configuration: .init(name: "zendesk"),
            logger: logger
        )
        let chatReader = ZendeskChatHistoryReader(tokens: zendeskBroker.handle(for: zendeskClient), httpClient: httpClient)
        // A Support client for ticket context (tickets:read), refused by the Chat API.
        zendesk.addOAuthClient(
            ZendeskEmulatorOAuthClient(identifier: "support", secret: Secret("support-secret"), allowedScopes: ["tickets:read", "users:read"]))
        let supportClient = ZendeskOAuthClient(clientID: "support", baseURL: zendeskBase, scopes: ["tickets:read", "users:read"])
        let supportBroker = TokenBroker(
            provider: ZendeskClientCredentialsProvider(
                client: supportClient, clientSecret: Secret("support-secret"), httpClient: httpClient, logger: logger),
            configuration: .init(name: "zendesk-support"),
            logger: logger
        )

        // Genesys: the platform client on the broker, and guest chat settings.
        let region = try GenesysRegion.custom(baseURL: genesys.baseURL)
        let credentials = GenesysCredentials(clientID: "emulator-client", clientSecret: Secret("emulator-secret"), region: region)
        let genesysBroker = TokenBroker(
            provider: GenesysTokenProvider(httpClient: httpClient, credentials: [credentials], logger: logger),
            configuration: .init(name: "genesys"),
            logger: logger
        )
        let genesysClient = GenesysCloudClient(httpClient: httpClient, serviceToken: genesysBroker.handle(for: credentials.client), logger: logger)

        let bindings = subjectBindings ? SubjectBindings() : nil
        let provider = OpenIDProvider(
            configuration: .init(issuer: "https://auth.example.com"),
            keyRing: try OpenIDKeyRing(current: Self.keys.get()[0], next: Self.keys.get()[1]),
            clients: [
                OpenIDClient(
                    id: "genesys-messenger", secret: Secret("client-secret-0123456789abcdef"), redirectURIs: ["https://shop.example.com/chat"])
            ],
            codeStore: InMemoryOneTimeCodeStore(),
            refreshTokenStore: InMemoryRefreshTokenStore(),
            subjectObserver: bindings,
            logger: logger
        )
        let validators: [CredentialKind: any SessionValidator] = [
            .messagingJWT: try ZendeskMessagingJWTValidator(
                configuration: .init(signingKeys: [ZendeskSigningKey(keyID: Self.messagingKeyID, secret: Secret(Self.messagingSecret))])
            ),
            .chatVisitorJWT: try ZendeskChatVisitorJWTValidator(
                configuration: .init(sharedSecret: Secret(Self.chatSecret), treatsEmailAsVerified: emailVerified)),
            .ssoJWT: try ZendeskSSOJWTValidator(
                configuration: .init(sharedSecret: Secret(Self.ssoSecret), treatsEmailAsVerified: emailVerified),
                replayStore: InMemoryReplayStore(maximumEntries: 10_000)),
            .oauthToken: try ZendeskOAuthTokenValidator(configuration: .init(baseURL: zendeskBase), httpClient: httpClient, logger: logger),
        ]
        let bridge = SessionBridge(
            validators: validators,
            messenger: provider,
            genesys: GenesysTarget(
                client: genesysClient,
                guestChat: .init(
                    organizationID: "emulated-org",
                    deploymentID: "emulated-deployment",
                    routingTarget: GenesysRoutingTarget(queueName: "Support"),
                    requiresMemberAuthentication: requiresMemberAuthentication
                ),
                legacyWebChat: legacyWebChat
            ),
            history: sunshine
                ? HistorySources(zendeskChat: chatReader, sunshine: sunshineReader).readingSupport(
                    with: ZendeskSupportReader(tokens: supportBroker.handle(for: supportClient), customFieldIDs: ["360001"], httpClient: httpClient))
                : HistorySources(zendeskChat: chatReader),
            mappings: mappings,
            options: .init(sealingKey: sealingKey, messagingContextDeadline: .seconds(30)),  // generous: a loaded machine is slow
            subjectBindings: bindings,
            logger: logger
        )
        let fixture = BridgeFixture(
            zendesk: zendesk,
            genesys: genesys,
            httpClient: httpClient,
            genesysBroker: genesysBroker,
            zendeskBroker: zendeskBroker,
            supportBroker: supportBroker,
            bridge: bridge,
            mappings: mappings,
            logs: logs
        )
        do {
            let result = try await body(fixture)
            await fixture.tearDown()
            return result
        } catch {
            await fixture.tearDown()
            throw error
        }
    }

    func tearDown() async {
        await self.genesysBroker.shutdown()
        await self.zendeskBroker.shutdown()
        await self.supportBroker.shutdown()
        try? await self.httpClient.shutdown()
        await self.genesys.stop()
        await self.zendesk.stop()
    }

    static let keys = Result { () throws -> [JWTKey] in
        [try JWTKey.generate(for: .es256, keyID: "bridge-1"), try JWTKey.generate(for: .es256, keyID: "bridge-2")]
    }

    // MARK: - Credentials as the site mints them

    static func credential(
        _ kind: CredentialKind,
        externalID: String = "customer-42",
        name: String = "Ada Visitor",
        jti: String = UUID().uuidString
    ) throws -> Secret {
        let now = Date().timeIntervalSince1970.rounded(.down)
        switch kind {
        case .messagingJWT:
            return try Self.sign(
                [
                    "scope": "user", "external_id": .string(externalID), "name": .string(name), "email": "ada@example.com",
                    "email_verified": true, "iat": .number(now), "exp": .number(now + 600), "jti": .string(jti),
                ],
                secret: Self.messagingSecret,
                keyID: Self.messagingKeyID
            )
        case .chatVisitorJWT:
            return try Self.sign(
                [
                    "external_id": .string(externalID), "name": "Ada Visitor", "email": "ada@example.com", "iat": .number(now),
                    "exp": .number(now + 600), "jti": .string(jti),
                ],
                secret: Self.chatSecret,
                keyID: nil
            )
        case .ssoJWT:
            return try Self.sign(
                ["jti": .string(jti), "external_id": .string(externalID), "name": "Ada Visitor", "email": "ada@example.com", "iat": .number(now)],
                secret: Self.ssoSecret,
                keyID: nil
            )
        default:
            return Secret(Self.oauthToken)
        }
    }

    static func sign(_ claims: JSONObject, secret: String, keyID: String?) throws -> Secret {
        Secret(try JWTSigner(key: JWTKey.hmac(secret: Array(secret.utf8), keyID: keyID)).sign(claims))
    }

    var logText: String { self.logs.entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n") }
}

extension ContextValue {
    /// This object with `key` set to `value`.
    fileprivate func setting(_ key: String, to value: ContextValue) -> ContextValue {
        guard case .object(var members) = self else { return self }
        members[key] = value
        return .object(members)
    }
}
