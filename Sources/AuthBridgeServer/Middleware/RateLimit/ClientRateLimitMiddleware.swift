public import Hummingbird

/// Refuses a client's requests over its rate with 429 and `Retry-After` (whole seconds, at least 1).
///
/// The client is ``AuthBridgeRequestContext/clientAddress`` (set by ``ClientAddressMiddleware``), else
/// the peer's IP address; IPv6 clients are counted per /64 prefix, which one subscriber usually holds
/// whole. Paths in ``exemptPaths`` (the probes and `/metrics`, which the platform calls
/// from one address) are never limited.
public struct ClientRateLimitMiddleware: RouterMiddleware {
    /// The context this middleware runs with.
    public typealias Context = AuthBridgeRequestContext

    /// The shared limiter.
    public let limiter: ClientRateLimiter
    /// Paths that are never limited.
    public let exemptPaths: Set<String>

    /// Creates the middleware.
    /// - Parameters:
    ///   - limiter: The limiter; share one between middlewares that should count together.
    ///   - exemptPaths: Paths never limited; default none.
    public init(limiter: ClientRateLimiter, exemptPaths: Set<String> = []) {
        self.limiter = limiter
        self.exemptPaths = exemptPaths
    }

    /// Takes a token for the client or answers 429.
    /// - Parameters:
    ///   - request: The request.
    ///   - context: Its context.
    ///   - next: The rest of the chain.
    /// - Returns: The response, or 429.
    public func handle(
        _ request: Request,
        context: AuthBridgeRequestContext,
        next: (Request, AuthBridgeRequestContext) async throws -> Response
    ) async throws -> Response {
        if !self.exemptPaths.isEmpty && self.exemptPaths.contains(request.uri.path) { return try await next(request, context) }
        let client = context.clientAddress ?? context.remoteAddress?.ipAddress ?? "unknown"
        guard let wait = self.limiter.acquire(for: RateLimitKey.key(forClientAddress: client)) else { return try await next(request, context) }
        let seconds = max(1, Int(ClientRateLimiter.seconds(wait).rounded(.up)))
        return ServerResponses.error(.tooManyRequests, "too many requests", headers: [.retryAfter: String(seconds)])
    }
}
