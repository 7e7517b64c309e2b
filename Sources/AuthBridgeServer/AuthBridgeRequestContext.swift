public import Hummingbird
public import NIOCore

/// The request context of AuthBridge's routes: Hummingbird's core storage plus the peer's address, which
/// the per-client rate limit keys on.
public struct AuthBridgeRequestContext: RequestContext {
    /// Hummingbird's per-request storage (logger, parameters, endpoint path).
    public var coreContext: CoreRequestContextStorage
    /// The connection's remote address, if known.
    public let remoteAddress: SocketAddress?
    /// The request's correlation id, set by ``RequestIDMiddleware``; `nil` before it ran.
    public internal(set) var requestID: String?
    /// The client the rate limit and the access log name, set by ``ClientAddressMiddleware``: the peer's
    /// IP address, or the forwarded one when proxies are trusted; `nil` before it ran.
    public internal(set) var clientAddress: String?

    /// Creates the context for one request; Hummingbird calls it.
    /// - Parameter source: The connection and the request's logger.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = CoreRequestContextStorage(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }
}
