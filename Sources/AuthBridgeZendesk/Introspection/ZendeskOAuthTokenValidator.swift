public import AsyncHTTPClient
public import AuthBridgeCore
public import AuthBridgeJWT
public import Logging
public import Metrics

/// Accepts a Zendesk Support OAuth access token by asking Zendesk about it
/// (`GET /api/v2/oauth/tokens/current.json`) and checking its scopes.
///
/// Results are cached by a keyed hash of the token, never the token: a positive result until the earlier
/// of the token's `expires_at` and ``Configuration/positiveCacheDuration``; a 401 or 403 for
/// ``Configuration/negativeCacheDuration``; a 429 for its `Retry-After`. Concurrent checks of one token
/// make one call: the cache is a `TokenBroker` (one slot per token hash, bounded by
/// ``Configuration/maximumCachedTokens``), so single flight, failure memory and metrics are the broker's.
///
/// Errors are ``ZendeskError``s: `.unauthorized` (401), `.forbidden` (403: the token may not even read
/// itself, usually a missing `read` scope), `.rateLimited` (429, with `retryAfter`), `.serverError`
/// (5xx), `.timeout`, `.connectionFailed`, and `.insufficientScope` when Zendesk accepts the token but it
/// lacks a required scope.
///
/// Call ``shutdown()`` when you are done, so no introspection outlives the validator.
public final class ZendeskOAuthTokenValidator<C: Clock>: SessionValidator where C.Duration == Duration {
    /// Prefixed to the Zendesk user id to make the session's subject: user ids and the `external_id`s
    /// of JWT sessions are different namespaces, and a customer's `sub` must not be another's.
    public static var subjectPrefix: String { "zendesk-user:" }

    /// Where to introspect and what to require.
    public struct Configuration: Sendable {
        /// The account's API base URL.
        public var baseURL: ZendeskBaseURL
        /// Scopes the token must have. `read` satisfies `<resource>:read` and `write` satisfies
        /// `<resource>:write`, as in Zendesk.
        public var requiredScopes: Set<String>
        /// How long a positive result is trusted at most; default 5 minutes (a revoked token is noticed
        /// within this time).
        public var positiveCacheDuration: Duration
        /// How long a 401 or 403 is remembered; default 10 s.
        public var negativeCacheDuration: Duration
        /// The most tokens cached at once; default 10 000.
        public var maximumCachedTokens: Int
        /// Timeouts, body cap and retries.
        public var http: ZendeskHTTPPolicy

        /// Creates a configuration.
        /// - Parameters:
        ///   - baseURL: The account's API base URL.
        ///   - requiredScopes: Default `["read"]`.
        ///   - positiveCacheDuration: Default 5 minutes.
        ///   - negativeCacheDuration: Default 10 s.
        ///   - maximumCachedTokens: Default 10 000.
        ///   - http: Default ``ZendeskHTTPPolicy/init(requestTimeout:maximumResponseBytes:retry:tracer:)``.
        public init(
            baseURL: ZendeskBaseURL,
            requiredScopes: Set<String> = ["read"],
            positiveCacheDuration: Duration = .seconds(300),
            negativeCacheDuration: Duration = .seconds(10),
            maximumCachedTokens: Int = 10_000,
            http: ZendeskHTTPPolicy = ZendeskHTTPPolicy()
        ) {
            self.baseURL = baseURL
            self.requiredScopes = requiredScopes
            self.positiveCacheDuration = positiveCacheDuration
            self.negativeCacheDuration = negativeCacheDuration
            self.maximumCachedTokens = maximumCachedTokens
            self.http = http
        }
    }

    private let broker: TokenBroker<ZendeskIntrospectionKey, C>
    private let digest: ZendeskTokenDigest
    private let requiredScopes: Set<String>

    /// Creates a validator.
    /// - Parameters:
    ///   - configuration: Where and what.
    ///   - httpClient: Your application's client; the validator never shuts it down.
    ///   - clock: The cache's clock; tests pass a manual one.
    ///   - wallClock: Converts `expires_at` into a remaining lifetime.
    ///   - logger: Where the cache logs (never a token).
    ///   - metricsFactory: Where the cache's counters go.
    /// - Throws: If the process cannot draw a random hash key.
    public convenience init(
        configuration: Configuration,
        httpClient: HTTPClient,
        clock: C,
        wallClock: JWTClock = .system,
        logger: Logger,
        metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) throws {
        try self.init(
            configuration: configuration,
            http: ZendeskTransport(client: httpClient, configuration: configuration.http),
            clock: clock,
            wallClock: wallClock,
            logger: logger,
            metricsFactory: metricsFactory
        )
    }

    init(
        configuration: Configuration,
        http: ZendeskTransport,
        clock: C,
        wallClock: JWTClock,
        logger: Logger,
        metricsFactory: any MetricsFactory
    ) throws {
        self.digest = try ZendeskTokenDigest()
        self.requiredScopes = configuration.requiredScopes
        let introspector = ZendeskTokenIntrospector(
            http: http,
            baseURL: configuration.baseURL,
            positiveCacheDuration: configuration.positiveCacheDuration,
            wallClock: wallClock,
            logger: logger
        )
        self.broker = TokenBroker(
            provider: introspector,
            configuration: TokenBroker<ZendeskIntrospectionKey, C>.Configuration(
                name: "zendesk-introspection",
                // A customer token is re-checked when its entry runs out, not ahead of time.
                refreshAheadFraction: 0,
                refreshAheadMargin: .zero,
                refreshJitter: 0,
                expirySafetyMargin: .zero,
                // The HTTP layer already retried; the broker reports the outcome.
                retry: .init(maximumAttempts: 1),
                permanentFailureCacheDuration: configuration.negativeCacheDuration,
                maximumKeys: max(configuration.maximumCachedTokens, 1)
            ),
            clock: clock,
            logger: logger,
            metricsFactory: metricsFactory
        )
    }

    /// Introspects `credential` (or reuses a cached result) and checks its scopes.
    /// - Parameters:
    ///   - credential: The OAuth access token, without `Bearer `.
    ///   - logger: The request's logger.
    /// - Returns: The session: subject is `zendesk-user:<Zendesk user id>` (namespaced, so it never equals
    ///   a site's `external_id` from a Messaging, Chat or SSO JWT, which name another person), kind
    ///   `CredentialKind.oauthToken`, context holds `user_id`, `scopes`, `client_id` and `token_id`.
    /// - Throws: ``ZendeskError``.
    public func validate(_ credential: Secret, logger: Logger) async throws -> VerifiedSession {
        guard !credential.isEmpty, credential.byteCount <= 4096 else {
            throw ZendeskError(.unauthorized, "the OAuth token is empty or longer than 4096 bytes")
        }
        let key = ZendeskIntrospectionKey(digest: try self.digest.digest(credential), token: credential)
        let result: AccessToken
        do {
            result = try await self.broker.token(for: key)
        } catch let error as AuthBridgeError {
            if let zendesk = error.underlying as? ZendeskError { throw zendesk }
            throw error
        }
        let granted = Set(result.scopes)
        for scope in self.requiredScopes.sorted() where !Self.satisfies(granted, scope) {
            throw ZendeskError(.insufficientScope, "the OAuth token lacks the \(scope) scope", field: scope)
        }
        guard let userID = result.metadata["user_id"] else {
            throw ZendeskError(.malformedResponse, "the introspection named no user_id")
        }
        var context: [String: ContextValue] = ["user_id": .string(userID), "scopes": .array(result.scopes.map(ContextValue.string))]
        context["client_id"] = result.metadata["client_id"].map(ContextValue.string)
        context["token_id"] = result.metadata["token_id"].map(ContextValue.string)
        let expiresAt = result.metadata["expires_at"].flatMap(ZendeskTime.parse)
        return VerifiedSession(subject: Self.subjectPrefix + userID, credentialKind: .oauthToken, expiresAt: expiresAt, context: context)
    }

    /// Cancels introspections in flight and forgets every cached result.
    public func shutdown() async {
        await self.broker.shutdown()
    }

    /// Whether `granted` covers `required`: `read` and `write` cover every resource's `:read` and
    /// `:write`, and a bare resource (`tickets`) covers both of its own (Zendesk's OAuth scopes; fact
    /// `support.oauth.bare-resource-scope`).
    static func satisfies(_ granted: Set<String>, _ required: String) -> Bool {
        if granted.contains(required) { return true }
        for level in [":read", ":write"] where required.hasSuffix(level) {
            let resource = String(required.dropLast(level.count))
            return granted.contains(String(level.dropFirst())) || granted.contains(resource)
        }
        return false
    }
}

extension ZendeskOAuthTokenValidator where C == CoarseMonotonicClock {
    /// Creates a validator on a `CoarseMonotonicClock`.
    /// - Parameters:
    ///   - configuration: Where and what.
    ///   - httpClient: Your application's client.
    ///   - logger: Where the cache logs.
    ///   - metricsFactory: Where the cache's counters go.
    /// - Throws: If the process cannot draw a random hash key.
    public convenience init(
        configuration: Configuration,
        httpClient: HTTPClient,
        logger: Logger,
        metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) throws {
        try self.init(
            configuration: configuration,
            httpClient: httpClient,
            clock: CoarseMonotonicClock(),
            logger: logger,
            metricsFactory: metricsFactory
        )
    }
}
