import AsyncHTTPClient
import AuthBridge
import AuthBridgeServer
import AuthBridgeTesting
import Foundation
import Hummingbird
import InMemoryLogging
import Logging
import NIOHTTP1

/// The whole Messenger sign-in on loopback: the emulated Genesys organization, AuthBridge's server
/// (bridge routes and OpenID routes), and a Zendesk Messaging signing key.
final class MessengerFixture: Sendable {
    static let clientID = "genesys-messenger"
    static let clientSecret = "client-secret-for-genesys-0123456789abcdef"
    static let redirectURI = "https://shop.example.com/chat/callback"
    static let deploymentID = "messenger-deployment-1"
    static let zendeskKeyID = "app_64f0c0ffee"
    static let zendeskSecret = "zendesk-messaging-shared-secret-0123456789-abcdef"
    static let dataActionUser = "genesys-data-actions"
    static let dataActionSecret = "data-action-secret-0123456789-abcdef"

    let genesys: GenesysEmulator
    let server: EmulatorServer
    let provider: OpenIDProvider
    let keyRing: OpenIDKeyRing
    let logs: InMemoryLogHandler
    let clock: ClockOffset
    let bridge: SessionBridge
    let broker: TokenBroker<GenesysOAuthClient, CoarseMonotonicClock>?

    var baseURL: String { self.server.baseURL }
    var exchangeURL: String { self.genesys.baseURL + "/api/v2/webdeployments/token/oauthcodegrantjwtexchange" }
    var refreshURL: String { self.genesys.baseURL + "/api/v2/webdeployments/token/refresh" }
    var revokeURL: String { self.genesys.baseURL + "/api/v2/webdeployments/token/revoke" }

    private init(
        genesys: GenesysEmulator,
        server: EmulatorServer,
        provider: OpenIDProvider,
        keyRing: OpenIDKeyRing,
        logs: InMemoryLogHandler,
        clock: ClockOffset,
        bridge: SessionBridge,
        broker: TokenBroker<GenesysOAuthClient, CoarseMonotonicClock>?
    ) {
        self.clock = clock
        self.bridge = bridge
        self.broker = broker
        self.genesys = genesys
        self.server = server
        self.provider = provider
        self.keyRing = keyRing
        self.logs = logs
    }

    /// RSA keys made once for the whole suite: generating them per test would starve the machine's
    /// cores while timing-sensitive tests run beside these.
    static let ringKeys = Result { () throws -> [JWTKey] in
        try ["ring-1", "ring-2", "ring-3", "ring-4"].map { try JWTKey.generate(for: .rs256, keyID: $0) }
    }

    /// - Parameter dataAction: Whether the bridge carries context through the messaging-context data
    ///   action (Genesys client, subject bindings, the route with ``dataActionUser``/``dataActionSecret``).
    static func start(
        integrationSecret: String = clientSecret,
        deployment: GenesysEmulator.MessengerDeployment? = nil,
        dataAction: Bool = false,
        history: HistorySources = HistorySources(),
        // Generous: on a loaded machine a working Genesys step can take seconds; the deadline's own test sets it.
        options: SessionBridge.Options = SessionBridge.Options(messagingContextDeadline: .seconds(30))
    ) async throws -> MessengerFixture {
        var handler = InMemoryLogHandler()
        handler.logLevel = .trace
        let logs = handler
        let logger = Logger(label: "authbridge-test", factory: { _ in logs })

        let genesys = try await GenesysEmulator.start()
        genesys.deploy(deployment ?? GenesysEmulator.MessengerDeployment(id: Self.deploymentID, allowedDomains: ["shop.example.com"]))

        let responder = LateBoundResponder()
        let server = try await EmulatorServer.start(responder: responder)
        let keys = try Self.ringKeys.get()
        let keyRing = try OpenIDKeyRing(current: keys[0], next: keys[1])
        let clock = ClockOffset()
        let bindings = dataAction ? SubjectBindings() : nil
        var broker: TokenBroker<GenesysOAuthClient, CoarseMonotonicClock>?
        var target: GenesysTarget?
        if dataAction {
            let region = try GenesysRegion.custom(baseURL: genesys.baseURL)
            let credentials = GenesysCredentials(clientID: "emulator-client", clientSecret: Secret("emulator-secret"), region: region)
            let made = TokenBroker(
                provider: GenesysTokenProvider(httpClient: .shared, credentials: [credentials], logger: logger),
                logger: logger
            )
            broker = made
            target = GenesysTarget(
                client: GenesysCloudClient(httpClient: .shared, serviceToken: made.handle(for: credentials.client), logger: logger))
        }
        let provider = OpenIDProvider(
            configuration: .init(issuer: server.baseURL),
            keyRing: keyRing,
            clients: [OpenIDClient(id: Self.clientID, secret: Secret(Self.clientSecret), redirectURIs: [Self.redirectURI])],
            codeStore: InMemoryOneTimeCodeStore(),
            refreshTokenStore: InMemoryRefreshTokenStore(),
            subjectObserver: bindings,
            clock: JWTClock { clock.now },
            logger: logger
        )
        let validator = try ZendeskMessagingJWTValidator(
            configuration: .init(signingKeys: [ZendeskSigningKey(keyID: Self.zendeskKeyID, secret: Secret(Self.zendeskSecret))])
        )
        let bridge = SessionBridge(
            validators: [.messagingJWT: validator],
            messenger: provider,
            genesys: target,
            history: history,
            options: options,
            subjectBindings: bindings,
            logger: logger
        )
        let router = Router(context: EmulatorRequestContext.self)
        OpenIDRoutes(provider: provider).register(on: router)
        BridgeRoutes(bridge: bridge).register(on: router)
        if dataAction {
            MessagingContextRoutes(bridge: bridge, userName: Self.dataActionUser, secret: Secret(Self.dataActionSecret)).register(on: router)
        }
        responder.install(router)

        genesys.install(
            GenesysEmulator.OpenIDIntegration(
                discoveryURI: server.baseURL + "/.well-known/openid-configuration",
                clientID: Self.clientID,
                clientSecret: integrationSecret
            )
        )
        return MessengerFixture(
            genesys: genesys,
            server: server,
            provider: provider,
            keyRing: keyRing,
            logs: logs,
            clock: clock,
            bridge: bridge,
            broker: broker
        )
    }

    func stop() async {
        await self.broker?.shutdown()
        await self.server.stop()
        await self.genesys.stop()
    }

    /// A Zendesk Messaging JWT as the site's backend mints it.
    static func messagingJWT(
        externalID: String = "zd-customer-4711",
        lifetime: Double = 3600,
        keyID: String = zendeskKeyID,
        secret: String = zendeskSecret
    ) throws -> String {
        let now = Date().timeIntervalSince1970.rounded(.down)
        let signer = try JWTSigner(key: JWTKey.hmac(secret: Array(secret.utf8), keyID: keyID))
        return try signer.sign([
            "scope": "user",
            "external_id": .string(externalID),
            "name": "Ada King Lovelace",
            "email": "ada@example.com",
            "email_verified": true,
            "iat": .number(now),
            "exp": .number(now + lifetime),
        ])
    }

    /// The page asks AuthBridge for a code (what `getAuthCode` does).
    func authCode(
        jwt: String,
        nonce: String = "nonce-from-the-page-123",
        codeChallenge: String? = nil,
        method: String = "S256",
        redirectURI: String = MessengerFixture.redirectURI,
        zendeskChatID: String? = nil
    ) async throws -> PageClient.Reply {
        var messenger: JSONObject = [
            "clientId": .string(Self.clientID),
            "redirectUri": .string(redirectURI),
            "nonce": .string(nonce),
            "codeChallengeMethod": .string(method),
        ]
        if let codeChallenge { messenger["codeChallenge"] = .string(codeChallenge) }
        var body: JSONObject = ["credential": .string(jwt), "credentialKind": "messagingJWT", "widget": "messenger", "messenger": .object(messenger)]
        if let zendeskChatID { body["history"] = ["zendeskChatId": .string(zendeskChatID)] }
        return try await PageClient.send(
            .POST,
            self.baseURL + "/authbridge/v1/session",
            json: .object(body)
        )
    }

    /// Messenger hands the `getAuthCode` payload to Genesys.
    func exchange(_ payload: JSONObject, origin: String? = PageClient.origin, deploymentID: String = MessengerFixture.deploymentID) async throws
        -> PageClient.Reply
    {
        var oauth: JSONObject = [:]
        oauth["code"] = payload["authCode"]
        oauth["redirectUri"] = payload["redirectUri"]
        oauth["nonce"] = payload["nonce"]
        oauth["codeVerifier"] = payload["codeVerifier"]
        return try await PageClient.send(
            .POST,
            self.exchangeURL,
            json: ["deploymentId": .string(deploymentID), "oauth": .object(oauth)],
            origin: origin
        )
    }

    func refresh(_ refreshToken: String, deploymentID: String = MessengerFixture.deploymentID) async throws -> PageClient.Reply {
        try await PageClient.send(.POST, self.refreshURL, json: ["refreshToken": .string(refreshToken), "deploymentId": .string(deploymentID)])
    }

    /// Every captured log line, for secret scans.
    var logText: String { self.logs.entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n") }
}
