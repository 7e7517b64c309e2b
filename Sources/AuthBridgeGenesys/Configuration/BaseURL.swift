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

    /// A websocket base URL: `wss://` anywhere, `ws://` only on loopback, checked as its `https`/`http` twin.
    static func validatedWebSocket(_ text: String) throws(GenesysError) -> String {
        let trimmed = text.trimmingWhitespace()
        let lowered = trimmed.lowercased()
        let secure = lowered.hasPrefix("wss://")
        guard secure || lowered.hasPrefix("ws://") else {
            throw GenesysError.invalidConfiguration("a websocket base URL must start with wss:// (or ws:// on loopback)")
        }
        let rest = trimmed.dropFirst(secure ? 6 : 5)
        let checked = try Self.validated((secure ? "https://" : "http://") + rest)
        return (secure ? "wss://" : "ws://") + checked.dropFirst(secure ? 8 : 7)
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
