internal import AuthBridgeCore

/// A Genesys Cloud region: the domain every host of an organization derives from.
///
/// Tokens belong to a region: a token from one region's `login.` host is refused by another region's
/// `api.` host, so the region is part of the ``GenesysOAuthClient`` key the token broker caches by.
///
/// ```swift
/// let region = try GenesysRegion("eu_west_1")   // or .euWest1, or "mypurecloud.ie"
/// region.loginBaseURL                            // "https://login.mypurecloud.ie"
/// ```
///
/// For tests, ``custom(baseURL:)`` points every host at one server, for example the emulator in
/// AuthBridgeTesting. Plain `http` is accepted only for loopback hosts; real regions always use TLS.
public struct GenesysRegion: Hashable, Sendable, CustomStringConvertible {
    private enum Base: Hashable, Sendable {
        case named(name: String, domain: String)
        case custom(login: String, api: String, apiCDN: String?, webMessaging: String?)
    }

    private let base: Base

    private init(_ base: Base) {
        self.base = base
    }

    private static func named(_ name: String, _ domain: String) -> GenesysRegion {
        GenesysRegion(.named(name: name, domain: domain))
    }

    /// US East (Virginia): `mypurecloud.com`.
    public static let usEast1 = named("us_east_1", "mypurecloud.com")
    /// US East 2 (FedRAMP): `use2.us-gov-pure.cloud`.
    public static let usEast2 = named("us_east_2", "use2.us-gov-pure.cloud")
    /// US West (Oregon): `usw2.pure.cloud`.
    public static let usWest2 = named("us_west_2", "usw2.pure.cloud")
    /// Canada (Central): `cac1.pure.cloud`.
    public static let caCentral1 = named("ca_central_1", "cac1.pure.cloud")
    /// South America (São Paulo): `sae1.pure.cloud`.
    public static let saEast1 = named("sa_east_1", "sae1.pure.cloud")
    /// EU (Ireland): `mypurecloud.ie`.
    public static let euWest1 = named("eu_west_1", "mypurecloud.ie")
    /// EU (London): `euw2.pure.cloud`.
    public static let euWest2 = named("eu_west_2", "euw2.pure.cloud")
    /// EU (Frankfurt): `mypurecloud.de`.
    public static let euCentral1 = named("eu_central_1", "mypurecloud.de")
    /// EU (Zurich): `euc2.pure.cloud`.
    public static let euCentral2 = named("eu_central_2", "euc2.pure.cloud")
    /// Middle East (UAE): `mec1.pure.cloud`.
    public static let meCentral1 = named("me_central_1", "mec1.pure.cloud")
    /// Asia Pacific (Mumbai): `aps1.pure.cloud`.
    public static let apSouth1 = named("ap_south_1", "aps1.pure.cloud")
    /// Asia Pacific (Sydney): `mypurecloud.com.au`.
    public static let apSoutheast2 = named("ap_southeast_2", "mypurecloud.com.au")
    /// Asia Pacific (Tokyo): `mypurecloud.jp`.
    public static let apNortheast1 = named("ap_northeast_1", "mypurecloud.jp")
    /// Asia Pacific (Seoul): `apne2.pure.cloud`.
    public static let apNortheast2 = named("ap_northeast_2", "apne2.pure.cloud")
    /// Asia Pacific (Osaka): `apne3.pure.cloud`.
    public static let apNortheast3 = named("ap_northeast_3", "apne3.pure.cloud")
    /// Asia Pacific (Singapore): `apse1.pure.cloud`.
    public static let apSoutheast1 = named("ap_southeast_1", "apse1.pure.cloud")
    /// Mexico (Central): `mxc1.pure.cloud`.
    public static let mxCentral1 = named("mx_central_1", "mxc1.pure.cloud")
    /// EU Sovereign Cloud (Germany, East): `edee1.eusc-pure.cloud`.
    public static let euscDeEast1 = named("eusc_de_east_1", "edee1.eusc-pure.cloud")

    /// Every named region, in a stable order: the 18 of `PureCloudRegionHosts` in Genesys's SDK 269
    /// (`Tests/Contracts/genesys/genesys-contract.json`, `regions`; a contract test keeps them equal).
    public static let all: [GenesysRegion] = [
        .usEast1, .usEast2, .usWest2, .caCentral1, .saEast1, .euWest1, .euWest2, .euCentral1, .euCentral2,
        .meCentral1, .apSouth1, .apSoutheast2, .apNortheast1, .apNortheast2, .apNortheast3, .apSoutheast1,
        .mxCentral1, .euscDeEast1,
    ]

    /// Looks a region up by its name (`eu_west_1`, `eu-west-1`, any case) or its domain (`mypurecloud.ie`).
    /// - Parameter nameOrDomain: The region name or domain, as in configuration files.
    /// - Throws: ``GenesysError`` with code ``GenesysError/Code/unknownRegion``, listing the valid names.
    public init(_ nameOrDomain: String) throws(GenesysError) {
        let wanted = nameOrDomain.trimmingWhitespace().lowercased()
        let asName = String(wanted.map { $0 == "-" ? "_" : $0 })
        for region in Self.all {
            if case .named(let name, let domain) = region.base, name == asName || domain == wanted {
                self = region
                return
            }
        }
        throw GenesysError.unknownRegion(nameOrDomain, valid: Self.all.compactMap(\.name))
    }

    /// A region whose hosts all live at one base URL, for emulators and proxies.
    ///
    /// `https` is accepted for any host; `http` only for `127.0.0.1`, `::1` or `localhost`, so a
    /// configuration mistake cannot send credentials in the clear over a network.
    /// - Parameter baseURL: For example `http://127.0.0.1:49152`, without a trailing path.
    /// - Throws: ``GenesysError`` with code ``GenesysError/Code/invalidConfiguration``.
    public static func custom(baseURL: String) throws(GenesysError) -> GenesysRegion {
        try custom(loginBaseURL: baseURL, apiBaseURL: baseURL)
    }

    /// A region with separate login and API base URLs, for example two emulators.
    /// - Parameters:
    ///   - loginBaseURL: Where `/oauth/token` lives.
    ///   - apiBaseURL: Where `/api/v2` lives.
    /// - Throws: ``GenesysError`` with code ``GenesysError/Code/invalidConfiguration``.
    public static func custom(loginBaseURL: String, apiBaseURL: String) throws(GenesysError) -> GenesysRegion {
        GenesysRegion(.custom(login: try BaseURL.validated(loginBaseURL), api: try BaseURL.validated(apiBaseURL), apiCDN: nil, webMessaging: nil))
    }

    /// A region with every host given, for a proxy in front of a real region whose Messenger hosts do not
    /// live at the API base URL.
    /// - Parameters:
    ///   - loginBaseURL: Where `/oauth/token` lives.
    ///   - apiBaseURL: Where `/api/v2` lives.
    ///   - apiCDNBaseURL: Where Messenger's public deployment configuration lives.
    ///   - webMessagingBaseURL: The Web Messaging websocket base, `wss://` (or `ws://` on loopback).
    /// - Throws: ``GenesysError`` with code ``GenesysError/Code/invalidConfiguration``.
    public static func custom(
        loginBaseURL: String,
        apiBaseURL: String,
        apiCDNBaseURL: String,
        webMessagingBaseURL: String
    ) throws(GenesysError) -> GenesysRegion {
        GenesysRegion(
            .custom(
                login: try BaseURL.validated(loginBaseURL),
                api: try BaseURL.validated(apiBaseURL),
                apiCDN: try BaseURL.validated(apiCDNBaseURL),
                webMessaging: try BaseURL.validatedWebSocket(webMessagingBaseURL)
            )
        )
    }

    /// The region's name (`eu_west_1`), or `nil` for a custom region.
    public var name: String? {
        if case .named(let name, _) = self.base { return name }
        return nil
    }

    /// The region's domain (`mypurecloud.ie`), or `nil` for a custom region.
    public var domain: String? {
        if case .named(_, let domain) = self.base { return domain }
        return nil
    }

    /// Whether this is a ``custom(baseURL:)`` region.
    public var isCustom: Bool { self.domain == nil }

    /// The OAuth host: `https://login.{domain}`.
    public var loginBaseURL: String {
        switch self.base {
        case .named(_, let domain): "https://login.\(domain)"
        case .custom(let login, _, _, _): login
        }
    }

    /// The platform API host: `https://api.{domain}`.
    public var apiBaseURL: String {
        switch self.base {
        case .named(_, let domain): "https://api.\(domain)"
        case .custom(_, let api, _, _): api
        }
    }

    /// The CDN host that serves public Messenger deployment configuration: `https://api-cdn.{domain}`.
    public var apiCDNBaseURL: String {
        switch self.base {
        case .named(_, let domain): "https://api-cdn.\(domain)"
        case .custom(_, let api, let apiCDN, _): apiCDN ?? api
        }
    }

    /// The Web Messaging websocket host: `wss://webmessaging.{domain}` (for a custom `http` base, `ws://`).
    public var webMessagingBaseURL: String {
        switch self.base {
        case .named(_, let domain): return "wss://webmessaging.\(domain)"
        case .custom(_, _, _, let webMessaging?): return webMessaging
        case .custom(_, let api, _, nil):
            if api.hasPrefix("https://") { return "wss://" + api.dropFirst("https://".count) }
            return "ws://" + api.dropFirst("http://".count)
        }
    }

    /// The URL of a Messenger deployment's public configuration.
    /// - Parameter deploymentID: The Messenger deployment id.
    /// - Returns: `https://api-cdn.{domain}/webdeployments/v1/deployments/{id}/config.json`.
    public func messengerConfigurationURL(deploymentID: String) -> String {
        "\(self.apiCDNBaseURL)/webdeployments/v1/deployments/\(PathSegment.escaped(deploymentID))/config.json"
    }

    /// The Web Messaging websocket URL for a deployment.
    /// - Parameter deploymentID: The Messenger deployment id.
    /// - Returns: `wss://webmessaging.{domain}/v1?deploymentId={id}`.
    public func webMessagingURL(deploymentID: String) -> String {
        "\(self.webMessagingBaseURL)/v1?deploymentId=\(PathSegment.escaped(deploymentID))"
    }

    /// The region name, or `custom(<api base URL>)`.
    public var description: String {
        switch self.base {
        case .named(let name, _): name
        case .custom(let login, let api, _, _): login == api ? "custom(\(api))" : "custom(login: \(login), api: \(api))"
        }
    }
}
