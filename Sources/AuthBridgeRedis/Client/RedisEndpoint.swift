/// Where one Redis server listens: a host name or address, and a port.
public struct RedisEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The host name or address.
    public var host: String
    /// The port.
    public var port: Int

    /// Creates an endpoint.
    /// - Parameters:
    ///   - host: The host name or address.
    ///   - port: The port.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Reads `host:port`, `[v6]:port` or `v6:port` (the last colon separates the port, as Redis writes
    /// addresses); an empty host is kept empty, for Redis's "the node you asked" (`:6380`).
    package init?(hostAndPort text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65_535).contains(port) else {
            return nil
        }
        var host = text[..<colon]
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard Self.isHostText(host) else { return nil }
        self.init(host: String(host), port: port)
    }

    /// Whether a host Redis announced is printable ASCII of a sane length (it reaches logs and DNS).
    static func isHostText(_ host: Substring) -> Bool {
        host.utf8.count <= 255 && host.utf8.allSatisfy { $0 >= 0x21 && $0 < 0x7F }
    }

    /// `host:port`, with brackets around an IPv6 address.
    public var description: String {
        self.host.contains(":") ? "[\(self.host)]:\(self.port)" : "\(self.host):\(self.port)"
    }
}
