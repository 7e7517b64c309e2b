import AuthBridgeCore
import Foundation

/// Where a Zendesk account's API lives: `https://<subdomain>.zendesk.com` in production, or an override
/// for tests (an emulator on loopback) and proxies.
///
/// TLS is required for every host but loopback (`127.0.0.1`, `::1`, `localhost`), so a typo cannot send
/// a token in the clear.
public struct ZendeskBaseURL: Hashable, Sendable, CustomStringConvertible {
    /// The URL without a trailing slash.
    public let url: String

    init(verified url: String) {
        self.url = url
    }

    /// The production URL of `subdomain`.
    /// - Parameter subdomain: The account's subdomain.
    public init(subdomain: ZendeskSubdomain) {
        self = subdomain.baseURL
    }

    /// An overriding base URL, for example an emulator's `http://127.0.0.1:PORT`.
    /// - Parameter url: An absolute `https` URL, or `http` for a loopback host; no query or fragment.
    /// - Throws: ``ZendeskError/Code-swift.struct/invalidConfiguration`` otherwise.
    public init(overriding url: String) throws(ZendeskError) {
        var text = url
        while text.hasSuffix("/") { text.removeLast() }
        guard let parsed = URL(string: text), let scheme = parsed.scheme?.lowercased(), let host = parsed.host,
            !host.isEmpty, parsed.query == nil, parsed.fragment == nil, parsed.user == nil
        else {
            throw ZendeskError(.invalidConfiguration, "the base URL is not an absolute URL without query", field: "baseURL")
        }
        let loopback = LoopbackHost.contains(host)
        guard scheme == "https" || (scheme == "http" && loopback) else {
            throw ZendeskError(.invalidConfiguration, "the base URL must use https unless it is on loopback", field: "baseURL")
        }
        self.url = text
    }

    /// This URL with `path` appended.
    /// - Parameter path: A path starting with `/`, already percent-encoded.
    /// - Returns: The absolute URL string.
    public func appending(_ path: String) -> String {
        self.url + path
    }

    /// The URL.
    public var description: String { self.url }
}
