import AsyncHTTPClient
import AuthBridge
import Logging
import Tracing

extension AuthBridgeApplication {
    /// The Genesys organization `genesys.*` configures, its client on a broker running in `lifecycle`, and a
    /// way to fetch the first service token (the warm-up); `nil` without Genesys.
    static func genesysTarget(
        for genesys: AuthBridgeConfiguration.Genesys?,
        stores: StoreBackend,
        httpClient: HTTPClient,
        tracer: (any Tracer)?,
        lifecycle: inout ApplicationLifecycle,
        logger: Logger
    ) -> (target: GenesysTarget, token: @Sendable () async throws -> Void)? {
        guard let genesys else { return nil }
        var client = genesys.client
        client.http.tracer = tracer
        let broker = TokenBroker(
            provider: GenesysTokenProvider(httpClient: httpClient, credentials: [genesys.credentials], policy: client.http, logger: logger),
            coordinator: stores.tokenCoordinator(for: GenesysOAuthClient.self, logger: logger),
            configuration: .init(name: "genesys"),
            logger: logger
        )
        lifecycle.run(broker)
        let handle = broker.handle(for: genesys.credentials.client)
        let target = GenesysTarget(
            client: GenesysCloudClient(httpClient: httpClient, serviceToken: handle, configuration: client, logger: logger),
            guestChat: genesys.guestChat,
            legacyWebChat: genesys.legacyWebChat
        )
        return (target, { _ = try await handle.token() })
    }
}
