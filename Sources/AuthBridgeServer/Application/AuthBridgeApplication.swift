public import AsyncHTTPClient
public import AuthBridge
import AuthBridgeRedis
import Foundation
import NIOSSL
public import Hummingbird
public import Logging
public import ServiceLifecycle

/// Everything a deployment runs, built from one ``AuthBridgeConfiguration``: the HTTP client, the token
/// brokers, the Zendesk validators and history reader, the Genesys client, Messenger's OpenID provider
/// and the ``SessionBridge`` over them, plus the routes to mount. With `redis.*` configured, every
/// replica shares one Redis: token fetches (one per token lifetime across replicas), the SSO replay
/// store, codes, refresh tokens and session mappings.
///
/// ```swift
/// let configuration = try await AuthBridgeConfiguration.load(filePath: "/etc/authbridge.json", secretsDirectory: "/run/secrets")
/// let application = try AuthBridgeApplication(configuration: configuration, logger: logger)
/// let router = Router(context: AuthBridgeRequestContext.self)
/// application.register(on: router)
/// // run `application.services` (the brokers' refresh) beside the HTTP server in one ServiceGroup,
/// // and `await application.shutdown()` at the end
/// ```
public final class AuthBridgeApplication: Sendable {
    /// The configuration it was built from.
    public let configuration: AuthBridgeConfiguration
    /// The bridge.
    public let bridge: SessionBridge
    /// Messenger's OpenID provider, when configured.
    public let provider: OpenIDProvider?
    /// The Genesys client, when configured.
    public let genesys: GenesysCloudClient?
    /// Background work to run in the service group: the token brokers.
    public let services: [any Service]
    /// The HTTP client every outbound call shares.
    public let httpClient: HTTPClient

    let genesysToken: (@Sendable () async throws -> Void)?
    let zendeskHistoryToken: (@Sendable () async throws -> Void)?
    let shutdowns: [@Sendable () async -> Void]

    /// Builds every component; nothing is fetched yet.
    /// - Parameters:
    ///   - configuration: The checked configuration.
    ///   - httpClient: The client to share; default a new one that ``shutdown()`` shuts down.
    ///   - logger: Where every component logs (never a secret).
    /// - Throws: `JWTError` for a signing key that does not load, `ZendeskError` for a validator that
    ///   cannot be built.
    public init(configuration: AuthBridgeConfiguration, httpClient: HTTPClient? = nil, logger: Logger) throws {
        let client = httpClient ?? HTTPClient(eventLoopGroupProvider: .singleton)
        let ownsClient = httpClient == nil
        // A client this init made must be shut down if a later step throws: AsyncHTTPClient traps on
        // deinit otherwise.
        do {
            self.configuration = configuration
            self.httpClient = client
            var services: [any Service] = []
            var shutdowns: [@Sendable () async -> Void] = []

            // One Redis shared by every replica, when configured; otherwise everything stays in memory.
            var redis: RedisClient?
            if let shared = configuration.redis {
                var tls: TLSConfiguration?
                if shared.usesTLS {
                    var settings = TLSConfiguration.makeClientConfiguration()
                    if let file = shared.tlsCAFile { settings.trustRoots = .file(file) }
                    tls = settings
                }
                let client = RedisClient(
                    configuration: .init(
                        host: shared.host,
                        port: shared.port,
                        username: shared.username,
                        password: shared.password,
                        database: shared.database,
                        tls: tls,
                        tlsServerName: shared.tlsServerName
                    ),
                    logger: logger
                )
                redis = client
                shutdowns.append { await client.shutdown() }
            }
            let prefix = configuration.redis?.keyPrefix ?? "authbridge:"

            let zendesk = configuration.zendesk
            var validators: [CredentialKind: any SessionValidator] = [:]
            if let key = zendesk.messagingKey {
                validators[.messagingJWT] = try ZendeskMessagingJWTValidator(configuration: .init(signingKeys: [key]))
            }
            if let secret = zendesk.chatSharedSecret {
                validators[.chatVisitorJWT] = try ZendeskChatVisitorJWTValidator(configuration: .init(sharedSecret: secret))
            }
            if let secret = zendesk.ssoSharedSecret {
                validators[.ssoJWT] = try ZendeskSSOJWTValidator(
                    configuration: .init(sharedSecret: secret),
                    replayStore: redis.map { RedisReplayStore(client: $0, keyPrefix: prefix) as any ReplayStore }
                        ?? InMemoryReplayStore(maximumEntries: 100_000)
                )
            }
            if zendesk.acceptsOAuthTokens, let baseURL = zendesk.baseURL {
                validators[.oauthToken] = try ZendeskOAuthTokenValidator(
                    configuration: .init(baseURL: baseURL, requiredScopes: zendesk.requiredScopes),
                    httpClient: client,
                    logger: logger
                )
            }

            var history = HistorySources()
            var historyToken: (@Sendable () async throws -> Void)?
            if let historyClient = zendesk.historyClient, let baseURL = zendesk.baseURL {
                let oauthClient = ZendeskOAuthClient(clientID: historyClient.id, baseURL: baseURL, scopes: ["read", "chat"])
                let broker = TokenBroker(
                    provider: ZendeskClientCredentialsProvider(client: oauthClient, clientSecret: historyClient.secret, httpClient: client, logger: logger),
                    coordinator: redis.map { RedisTokenCache<ZendeskOAuthClient>(client: $0, configuration: .init(keyPrefix: prefix), logger: logger) },
                    configuration: .init(name: "zendesk"),
                    logger: logger
                )
                let handle = broker.handle(for: oauthClient)
                history = HistorySources(zendeskChat: ZendeskChatHistoryReader(tokens: handle, httpClient: client))
                historyToken = { _ = try await handle.token() }
                services.append(broker)
                shutdowns.append { await broker.shutdown() }
            }

            var target: GenesysTarget?
            var genesysToken: (@Sendable () async throws -> Void)?
            if let genesys = configuration.genesys {
                let broker = TokenBroker(
                    provider: GenesysTokenProvider(httpClient: client, credentials: [genesys.credentials], logger: logger),
                    coordinator: redis.map { RedisTokenCache<GenesysOAuthClient>(client: $0, configuration: .init(keyPrefix: prefix), logger: logger) },
                    configuration: .init(name: "genesys"),
                    logger: logger
                )
                let handle = broker.handle(for: genesys.credentials.client)
                target = GenesysTarget(
                    client: GenesysCloudClient(
                        httpClient: client,
                        serviceToken: handle,
                        configuration: .init(externalSourceName: genesys.externalSourceName, noteAuthorUserID: genesys.noteAuthorUserID),
                        logger: logger
                    ),
                    guestChat: genesys.guestChat.map { guest in
                        .init(
                            organizationID: guest.organizationID,
                            deploymentID: guest.deploymentID,
                            routingTarget: GenesysRoutingTarget(queueName: guest.queue),
                            requiresMemberAuthentication: guest.requiresMemberAuthentication
                        )
                    },
                    legacyWebChat: genesys.legacyWebChat
                )
                genesysToken = { _ = try await handle.token() }
                services.append(broker)
                shutdowns.append { await broker.shutdown() }
            }

            var provider: OpenIDProvider?
            if let oidc = configuration.oidc {
                let algorithm = JWSAlgorithm(name: oidc.algorithm) ?? .rs256
                provider = OpenIDProvider(
                    configuration: .init(issuer: oidc.issuer),
                    keyRing: try OpenIDKeyRing(
                        current: JWTKey(pem: oidc.signingKey.pem.revealed, algorithm: algorithm, keyID: oidc.signingKey.id),
                        next: JWTKey(pem: oidc.nextSigningKey.pem.revealed, algorithm: algorithm, keyID: oidc.nextSigningKey.id)
                    ),
                    clients: [OpenIDClient(id: oidc.clientID, secret: oidc.clientSecret, redirectURIs: Set(oidc.redirectURIs))],
                    codeStore: redis.map { RedisOneTimeCodeStore(client: $0, keyPrefix: prefix) as any OneTimeCodeStore } ?? InMemoryOneTimeCodeStore(),
                    refreshTokenStore: redis.map { RedisRefreshTokenStore(client: $0, keyPrefix: prefix) as any RefreshTokenStore }
                        ?? InMemoryRefreshTokenStore(),
                    logger: logger
                )
            }

            self.bridge = SessionBridge(
                validators: validators,
                messenger: provider,
                genesys: target,
                history: history,
                mappings: redis.map { RedisSessionMappingStore(client: $0, keyPrefix: prefix) as any SessionMappingStore } ?? InMemorySessionMappingStore(),
                options: .init(sealingKey: configuration.sealingKey, mappingLifetime: configuration.mappingLifetime),
                logger: logger
            )
            self.provider = provider
            self.genesys = target?.client
            self.genesysToken = genesysToken
            self.zendeskHistoryToken = historyToken
            if ownsClient { shutdowns.append { try? await client.shutdown() } }
            self.shutdowns = shutdowns
            self.services = services
        } catch {
            if ownsClient { try? client.syncShutdown() }
            throw error
        }
    }

    /// Mounts the OpenID provider's routes (when configured) and the page's bridge routes.
    /// - Parameter router: The router.
    public func register<Context: RequestContext>(on router: some RouterMethods<Context>) {
        if let provider = self.provider { OpenIDRoutes(provider: provider).register(on: router) }
        BridgeRoutes(bridge: self.bridge, maximumBodySize: self.configuration.server.maximumBodyBytes).register(on: router)
    }

    /// Puts the first Genesys token in the broker's cache (a cache hit once it is there; nothing to do
    /// without Genesys), so the first customer does not wait for it. ``AuthBridgeServerRunner`` makes
    /// `/readyz` answer 200 once this succeeded.
    /// - Throws: The broker's error when the token cannot be fetched.
    public func warmUp() async throws {
        guard let genesysToken = self.genesysToken else { return }
        try await genesysToken()
    }

    /// Stops the brokers and shuts down the HTTP client it created.
    public func shutdown() async {
        for shutdown in self.shutdowns { await shutdown() }
    }
}
