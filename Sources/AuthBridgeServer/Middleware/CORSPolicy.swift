public import Hummingbird

/// Which browser origins may call the server, and what a preflight allows them.
///
/// Origins are compared exactly (scheme, host and port; case-insensitive, a trailing `/` and the scheme's
/// default port, `:443` for https and `:80` for http, ignored). There
/// is no wildcard: an entry `*` matches nothing, because the bridge answers per-customer data and a
/// wildcard must never be combined with credentials.
///
/// ```swift
/// CORSPolicy(allowedOrigins: ["https://shop.example.com", "https://www.shop.example.com"])
/// ```
public struct CORSPolicy: Sendable {
    /// The site's origins, for example `https://shop.example.com`.
    public var allowedOrigins: [String]
    /// Methods a preflight may ask for; default `GET`, `POST`.
    public var allowedMethods: [HTTPRequest.Method]
    /// Request headers a preflight may ask for (case-insensitive); default `Content-Type`, `X-Request-Id`.
    public var allowedHeaders: [String]
    /// Response headers the page may read; default `X-Request-Id`, `Retry-After`.
    public var exposedHeaders: [String]
    /// Whether to send `Access-Control-Allow-Credentials: true` (cookies); default `false`, as the page
    /// sends its Zendesk credential in the body.
    public var allowsCredentials: Bool
    /// How long a browser may cache a preflight answer; default 10 minutes.
    public var maximumAge: Duration
    /// Whether a non-preflight request carrying a disallowed `Origin` is refused with 403 instead of being
    /// served without CORS headers; default `true`, which also stops cross-site "simple" requests that
    /// need no preflight. Requests without `Origin` (servers, probes) are never refused.
    public var refusesDisallowedOrigins: Bool

    /// Creates a policy.
    /// - Parameters:
    ///   - allowedOrigins: The site's origins; empty allows no browser origin.
    ///   - allowedMethods: Default `GET`, `POST`.
    ///   - allowedHeaders: Default `Content-Type`, `X-Request-Id`.
    ///   - exposedHeaders: Default `X-Request-Id`, `Retry-After`.
    ///   - allowsCredentials: Default `false`.
    ///   - maximumAge: Default 10 minutes.
    ///   - refusesDisallowedOrigins: Default `true`.
    public init(
        allowedOrigins: [String] = [],
        allowedMethods: [HTTPRequest.Method] = [.get, .post],
        allowedHeaders: [String] = ["Content-Type", "X-Request-Id"],
        exposedHeaders: [String] = ["X-Request-Id", "Retry-After"],
        allowsCredentials: Bool = false,
        maximumAge: Duration = .seconds(600),
        refusesDisallowedOrigins: Bool = true
    ) {
        self.allowedOrigins = allowedOrigins
        self.allowedMethods = allowedMethods
        self.allowedHeaders = allowedHeaders
        self.exposedHeaders = exposedHeaders
        self.allowsCredentials = allowsCredentials
        self.maximumAge = maximumAge
        self.refusesDisallowedOrigins = refusesDisallowedOrigins
    }

    /// The comparable form of an origin: lowercased, without a trailing `/` or the scheme's default port
    /// (browsers send `https://shop.example.com`, never `…:443`).
    static func normalize(_ origin: some StringProtocol) -> String {
        var origin = origin.lowercased()
        while origin.hasSuffix("/") { origin.removeLast() }
        if origin.hasPrefix("https://"), origin.hasSuffix(":443") {
            origin.removeLast(4)
        } else if origin.hasPrefix("http://"), origin.hasSuffix(":80") {
            origin.removeLast(3)
        }
        return origin
    }
}
