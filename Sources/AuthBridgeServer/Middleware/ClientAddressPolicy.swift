public import Hummingbird
public import NIOCore

/// How the server tells clients apart, for the rate limit and the access log.
///
/// By default the client is the TCP peer. Behind a load balancer every peer is the balancer, so name how
/// many proxies you run in front of the server: the client is then the address the outermost of them
/// saw, read from `X-Forwarded-For` counting from the right (each proxy appends its peer). Entries further
/// left were written by the client itself and are never believed; an entry that is not an IP address
/// (with or without a port) counts as none, and the TCP peer is the client.
public struct ClientAddressPolicy: Sendable, Equatable {
    /// How many proxies you operate in front of the server; `0` ignores `X-Forwarded-For`.
    public var trustedProxyHops: Int

    /// The TCP peer is the client; `X-Forwarded-For` is ignored.
    public static var peer: Self { Self(trustedProxyHops: 0) }

    /// Trust `hops` proxies in front of the server.
    /// - Parameter hops: How many proxies append to `X-Forwarded-For` before the request reaches us.
    /// - Returns: The policy.
    public static func forwardedFor(trustedProxyHops hops: Int) -> Self { Self(trustedProxyHops: max(0, hops)) }

    /// The client of `request` arriving from `peer`.
    /// - Parameters:
    ///   - request: The request.
    ///   - peer: The connection's remote address.
    /// - Returns: An IP address as text, or `"unknown"` (for example over a Unix socket).
    public func client(of request: Request, peer: SocketAddress?) -> String {
        let peerAddress = peer?.ipAddress ?? "unknown"
        guard self.trustedProxyHops > 0 else { return peerAddress }
        var hops: [Substring] = []
        for line in request.headers[values: .forwardedFor] {
            for entry in line.split(separator: ",") { hops.append(entry.trimmingWhitespace()) }
        }
        // The last entry is what the nearest proxy saw; with n proxies, the n-th from the right is the client.
        guard hops.count >= self.trustedProxyHops else { return peerAddress }
        return Self.address(hops[hops.count - self.trustedProxyHops]) ?? peerAddress
    }

    /// The IP address in an `X-Forwarded-For` entry, normalised; `nil` when it holds none. Some proxies
    /// append `address:port` (`[v6]:port` for IPv6): the port is dropped, or every new source port of one
    /// client would be a new client to the rate limit.
    static func address(_ entry: Substring) -> String? {
        guard !entry.isEmpty, entry.count <= 64 else { return nil }
        var host = entry
        if host.first == "[" {
            guard let close = host.firstIndex(of: "]") else { return nil }
            host = host[host.index(after: host.startIndex)..<close]
        } else if let colon = host.firstIndex(of: ":"), host[host.index(after: colon)...].firstIndex(of: ":") == nil {
            host = host[..<colon]  // IPv4 with a port: IPv6 has at least two colons
        }
        return (try? SocketAddress(ipAddress: String(host), port: 0))?.ipAddress
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
