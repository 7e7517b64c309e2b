import AsyncHTTPClient
import AuthBridge
import AuthBridgeServer
import InMemoryLogging
import Logging
import NIOCore
import NIOHTTP1
import Testing

/// The page's code route and the provider's routes mounted through ``AuthBridgeHTTPServer``'s
/// convenience initialiser, behind the whole front.
@Suite struct BridgeBehindFrontTests {
    @Test func codeRouteAnswersThroughTheFront() async throws {
        var handler = InMemoryLogHandler()
        handler.logLevel = .trace
        let logs = handler
        let logger = Logger(label: "front-bridge", factory: { _ in logs })
        let keys = try MessengerFixture.ringKeys.get()
        let provider = OpenIDProvider(
            configuration: .init(issuer: "https://auth.example.com"),
            keyRing: try OpenIDKeyRing(current: keys[0], next: keys[1]),
            clients: [
                OpenIDClient(
                    id: MessengerFixture.clientID, secret: Secret(MessengerFixture.clientSecret), redirectURIs: [MessengerFixture.redirectURI])
            ],
            codeStore: InMemoryOneTimeCodeStore(),
            refreshTokenStore: InMemoryRefreshTokenStore(),
            logger: logger
        )
        let validator = try ZendeskMessagingJWTValidator(
            configuration: .init(signingKeys: [
                ZendeskSigningKey(keyID: MessengerFixture.zendeskKeyID, secret: Secret(MessengerFixture.zendeskSecret))
            ])
        )
        let bridge = SessionBridge(validators: [.messagingJWT: validator], messenger: provider, logger: logger)
        let running = try await AuthBridgeHTTPServer(
            configuration: .init(port: 0, cors: CORSPolicy(allowedOrigins: [PageClient.origin])),
            bridge: BridgeRoutes(bridge: bridge),
            openID: OpenIDRoutes(provider: provider),
            logger: logger
        ).start()

        let jwt = try MessengerFixture.messagingJWT()
        let code = try await PageClient.send(
            .POST,
            running.baseURL + "/authbridge/v1/session",
            json: [
                "credential": .string(jwt), "credentialKind": "messagingJWT", "widget": "messenger",
                "messenger": [
                    "clientId": .string(MessengerFixture.clientID), "redirectUri": .string(MessengerFixture.redirectURI), "nonce": "n-0123456789",
                ],
            ]
        )
        let discovery = try await PageClient.send(.GET, running.baseURL + "/.well-known/openid-configuration", origin: nil)
        try await running.stop()

        #expect(code.status == 200)
        #expect(code.headers["Access-Control-Allow-Origin"] == [PageClient.origin])
        #expect(code.headers["X-Request-Id"].count == 1)
        let authCode = code.json["authCode"]?.stringValue ?? "<none>"
        #expect(authCode != "<none>")
        #expect(discovery.status == 200)
        let text = logs.entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
        #expect(text.contains("/authbridge/v1/session"))
        #expect(!text.contains(jwt))
        #expect(!text.contains(authCode))
    }
}
