public import AsyncHTTPClient
public import AuthBridge
public import Hummingbird
public import Logging
public import ServiceLifecycle
public import Tracing

/// Everything a deployment runs, built from one `AuthBridgeConfiguration`: the HTTP client, the token
/// brokers, the Zendesk validators and history reader, the Genesys client, Messenger's OpenID provider
/// and the `SessionBridge` over them, plus the routes to mount. With `redis.*` configured, every
/// replica shares one Redis: token fetches (one per token lifetime across replicas), the SSO replay
/// store, codes, refresh tokens and session mappings.
///
/// ```swift
/// let reader = try await AuthBridgeConfiguration.reader(filePath: "authbridge.json", secretsDirectory: "/run/secrets")
/// let (bridge, server) = try AuthBridgeServerRunner.configurations(from: reader)
/// let application = try AuthBridgeApplication(configuration: bridge, logger: logger)
/// let router = Router(context: AuthBridgeRequestContext.self)
/// application.register(on: router, maximumBodySize: server.maximumRequestBodySize)
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
    let zendeskTokenChecks: [(name: String, fetch: @Sendable () async throws -> Void)]
    let shutdowns: [@Sendable () async -> Void]

    /// Builds every component; nothing is fetched yet. Each integration is built in its own file
    /// (`AuthBridgeApplication+Zendesk.swift`, `+Genesys`, `+OIDC`, `+Redis`) from its configuration
    /// section, with its stores from one ``StoreBackend``.
    /// - Parameters:
    ///   - configuration: The checked configuration.
    ///   - stores: Where shared state lives; default the one `redis.*` names (its client shut down by
    ///     ``shutdown()``), or memory without it. A backend passed in is not shut down.
    ///   - httpClient: The client to share; default a new one that ``shutdown()`` shuts down, with
    ///     AsyncHTTPClient's own request spans off (they record the full URL, query included).
    ///   - tracer: The tracer of every span the components make (the bridge's steps, each Zendesk and
    ///     Genesys attempt, each Redis command); default the one `InstrumentationSystem` has now; `nil`
    ///     for none. Give the HTTP front (``AuthBridgeHTTPServer/Configuration/tracer``) the same one.
    ///   - logger: Where every component logs (never a secret).
    /// - Throws: `JWTError` for a signing key that does not load, `ZendeskError` for a validator that
    ///   cannot be built.
    public init(
        configuration: AuthBridgeConfiguration,
        stores: StoreBackend? = nil,
        httpClient: HTTPClient? = nil,
        tracer: (any Tracer)? = InstrumentationSystem.tracer,
        logger: Logger
    ) throws {
        let client = httpClient ?? HTTPClient(eventLoopGroupProvider: .singleton, configuration: Self.clientConfiguration)
        let ownsClient = httpClient == nil
        var lifecycle = ApplicationLifecycle()
        // A client this init made must be shut down if a later step throws: AsyncHTTPClient traps on
        // deinit otherwise.
        do {
            let stores = stores ?? Self.stores(for: configuration.redis, tracer: tracer, lifecycle: &lifecycle, logger: logger)
            let validators = try Self.zendeskValidators(
                for: configuration.zendesk, stores: stores, httpClient: client, tracer: tracer, logger: logger)
            let history = Self.zendeskHistory(
                for: configuration.zendesk, stores: stores, httpClient: client, tracer: tracer, lifecycle: &lifecycle, logger: logger)
            let genesys = Self.genesysTarget(
                for: configuration.genesys, stores: stores, httpClient: client, tracer: tracer, lifecycle: &lifecycle, logger: logger)
            let bindings = Self.subjectBindings(for: configuration, stores: stores)
            let provider = try Self.openIDProvider(for: configuration.oidc, stores: stores, subjectObserver: bindings, logger: logger)
            self.bridge = SessionBridge(
                validators: validators,
                messenger: provider,
                genesys: genesys?.target,
                history: history.sources,
                mappings: stores.sessionMappingStore(),
                options: .init(
                    sealingKey: configuration.sealingKey,
                    mappingLifetime: configuration.mappingLifetime,
                    messagingContextDeadline: configuration.genesys?.dataActionDeadline ?? .seconds(7)
                ),
                subjectBindings: bindings,
                logger: logger,
                tracer: tracer
            )
            self.configuration = configuration
            self.httpClient = client
            self.provider = provider
            self.genesys = genesys?.target.client
            self.genesysToken = genesys?.token
            self.zendeskTokenChecks = history.tokens
            if ownsClient { lifecycle.onShutdown { try? await client.shutdown() } }
            self.shutdowns = lifecycle.shutdowns
            self.services = lifecycle.services
        } catch {
            if ownsClient { try? client.syncShutdown() }
            throw error
        }
    }

    /// The configuration of the client the application makes: AsyncHTTPClient's defaults, without its
    /// own request spans, which would record each URL's query (a customer's email in a search) and inject
    /// a second `traceparent`; the adapters' spans and propagation cover every call.
    static var clientConfiguration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.tracing.tracer = nil
        return configuration
    }

    /// Mounts the OpenID provider's routes (when configured), the page's bridge routes, and the
    /// messaging-context data action route (with `genesys.dataAction.*`).
    /// - Parameters:
    ///   - router: The router.
    ///   - maximumBodySize: The largest page request body the bridge routes read; default 16 KiB.
    public func register<Context: RequestContext>(on router: some RouterMethods<Context>, maximumBodySize: Int = 16_384) {
        if let provider = self.provider { OpenIDRoutes(provider: provider).register(on: router) }
        BridgeRoutes(bridge: self.bridge, maximumBodySize: maximumBodySize).register(on: router)
        if let credential = self.configuration.genesys?.dataActionCredential, self.configuration.oidc != nil {
            MessagingContextRoutes(bridge: self.bridge, userName: credential.userName, secret: credential.secret).register(on: router)
        }
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
