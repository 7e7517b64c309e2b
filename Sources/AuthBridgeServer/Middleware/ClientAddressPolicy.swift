public import Hummingbird
public import NIOCore

/// How the server tells clients apart, for the rate limit and the access log.
///
/// By default the client is the TCP peer. Behind a load balancer every peer is the balancer, so name how
/// many proxies you run in front of the server: the client is then the address the outermost of them
/// saw, read from `X-Forwarded-For` counting from the right (each proxy appends its peer). Entries further
/// left were written by the client itself and are never believed.
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
        let client = hops[hops.count - self.trustedProxyHops]
        return client.isEmpty || client.count > 64 ? peerAddress : String(client)
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
