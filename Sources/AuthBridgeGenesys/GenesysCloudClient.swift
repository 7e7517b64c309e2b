public import AsyncHTTPClient
public import AuthBridgeCore
public import Logging

/// Server-side calls to one Genesys Cloud organization: signed member tokens, guest chats, participant
/// attributes, External Contacts and transcript notes.
///
/// Platform calls authenticate with the service token the `TokenBroker` hands out for one
/// ``GenesysOAuthClient``; every call through any number of clients built on the same handle shares that
/// one cached, refreshed-ahead token. The token never appears in a return value: what this client returns
/// for a browser (a ``GenesysMemberToken``, a ``GenesysGuestConversation``) is made for the browser.
///
/// ```swift
/// let genesys = GenesysCloudClient(httpClient: httpClient, serviceToken: broker.handle(for: client), logger: logger)
/// let member = try await genesys.memberToken(for: session)        // Web Chat 1.x: the widget's client token
/// ```
public struct GenesysCloudClient: Sendable {
    /// The region every call goes to.
    public let region: GenesysRegion
    /// Limits and policies.
    public let configuration: Configuration
    let transport: GenesysTransport
    let locks: KeyedLocks
    let externalSource: ExternalSourceCache

    /// Creates a client whose platform calls use the broker's token for `serviceToken.key`.
    /// - Parameters:
    ///   - httpClient: A client you own and shut down.
    ///   - serviceToken: The broker handle of the OAuth client; its region is the region of every call.
    ///   - configuration: Limits and policies.
    ///   - logger: Where the client logs; it never logs a token or a secret.
    public init<C: Clock>(
        httpClient: HTTPClient,
        serviceToken: TokenBroker<GenesysOAuthClient, C>.Handle,
        configuration: Configuration = Configuration(),
        logger: Logger
    ) where C.Duration == Duration {
        self.init(
            httpClient: httpClient,
            region: serviceToken.key.region,
            tokens: ServiceTokenSource(
                token: { try await serviceToken.token() },
                invalidate: { serviceToken.invalidate($0) }
            ),
            configuration: configuration,
            logger: logger
        )
    }

    /// Creates a client without a service token: only ``createGuestConversation(_:)`` without member
    /// authentication works, since the guest chat API needs no platform permission.
    /// - Parameters:
    ///   - httpClient: A client you own and shut down.
    ///   - region: The organization's region.
    ///   - configuration: Limits and policies.
    ///   - logger: Where the client logs.
    public init(
        httpClient: HTTPClient,
        region: GenesysRegion,
        configuration: Configuration = Configuration(),
        logger: Logger
    ) {
        self.init(httpClient: httpClient, region: region, tokens: nil, configuration: configuration, logger: logger)
    }

    init(
        httpClient: HTTPClient,
        region: GenesysRegion,
        tokens: ServiceTokenSource?,
        configuration: Configuration,
        logger: Logger
    ) {
        self.region = region
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "authbridge.genesys.region"] = "\(region)"
        self.transport = GenesysTransport(
            httpClient: httpClient,
            region: region,
            policy: configuration.http,
            tokens: tokens,
            logger: logger
        )
        self.locks = KeyedLocks()
        self.externalSource = ExternalSourceCache()
    }

    var logger: Logger { self.transport.logger }
}
