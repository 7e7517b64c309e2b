/// The parts of an absolute URL a client span records: scheme, host, port and path. The query and the
/// fragment are dropped (a query may carry what a trace must not), and so is any user information.
package struct URLParts: Sendable, Equatable {
    package var scheme: String
    package var host: String
    package var port: Int
    /// The path, `/` when the URL has none; never the query.
    package var path: String

    /// Splits `url` (`scheme://[user@]host[:port][/path][?query][#fragment]`); `nil` when it has no
    /// scheme or host.
    package init?(_ url: String) {
        guard let colon = url.firstIndex(of: ":"), url[colon...].hasPrefix("://") else { return nil }
        let scheme = url[..<colon].lowercased()
        let rest = url[url.index(colon, offsetBy: 3)...]
        let authorityEnd = rest.firstIndex { "/?#".contains($0) } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host = authority
        var port: Int?
        // An IPv6 literal keeps its colons inside the brackets.
        if let colon = authority.lastIndex(of: ":"), !authority[colon...].contains("]") {
            host = authority[..<colon]
            port = Int(authority[authority.index(after: colon)...])
            if port == nil { return nil }
        }
        guard !scheme.isEmpty, !host.isEmpty else { return nil }
        let afterAuthority = rest[authorityEnd...]
        let pathEnd = afterAuthority.firstIndex { "?#".contains($0) } ?? afterAuthority.endIndex
        let path = afterAuthority[..<pathEnd]
        self.scheme = scheme
        self.host = String(host)
        self.port = port ?? (scheme == "https" || scheme == "wss" ? 443 : 80)
        self.path = path.isEmpty ? "/" : String(path)
    }
}
