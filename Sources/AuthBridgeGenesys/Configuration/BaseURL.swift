internal import AuthBridgeCore

/// Checks base URLs for custom regions: TLS everywhere except loopback.
enum BaseURL {
    static func validated(_ text: String) throws(GenesysError) -> String {
        var url = text.trimmingWhitespace()
        while url.hasSuffix("/") { url.removeLast() }
        let scheme: String
        if url.lowercased().hasPrefix("https://") {
            scheme = "https"
        } else if url.lowercased().hasPrefix("http://") {
            scheme = "http"
        } else {
            throw GenesysError.invalidConfiguration("a base URL must start with https:// (or http:// on loopback)")
        }
        let authority = url.dropFirst(scheme.count + 3)
        guard !authority.isEmpty, !authority.contains("/"), !authority.contains("?"), !authority.contains("#"),
            !authority.contains("@")
        else {
            throw GenesysError.invalidConfiguration("a base URL is a scheme, a host and an optional port, nothing more")
        }
        if scheme == "http" {
            let host = Self.host(of: authority).lowercased()
            guard LoopbackHost.contains(host) else {
                throw GenesysError.invalidConfiguration("plain http is only allowed for loopback hosts; use https")
            }
        }
        return scheme + "://" + authority
    }

    /// The host part of `host[:port]` or `[v6]:port`.
    static func host(of authority: Substring) -> Substring {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return authority[authority.index(after: authority.startIndex)..<close]
        }
        if let colon = authority.firstIndex(of: ":") { return authority[..<colon] }
        return authority
    }
}
