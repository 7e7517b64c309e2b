public import Hummingbird

/// Names the request's client in ``AuthBridgeRequestContext/clientAddress`` by a ``ClientAddressPolicy``.
public struct ClientAddressMiddleware: RouterMiddleware {
    /// The context this middleware runs with.
    public typealias Context = AuthBridgeRequestContext

    /// How clients are told apart.
    public let policy: ClientAddressPolicy

    /// Creates the middleware.
    /// - Parameter policy: How clients are told apart; default the TCP peer.
    public init(policy: ClientAddressPolicy = .peer) {
        self.policy = policy
    }

    /// Sets the client and calls the next responder.
    /// - Parameters:
    ///   - request: The request.
    ///   - context: Its context.
    ///   - next: The rest of the chain.
    /// - Returns: The next responder's response.
    public func handle(
        _ request: Request,
        context: AuthBridgeRequestContext,
        next: (Request, AuthBridgeRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.clientAddress = self.policy.client(of: request, peer: context.remoteAddress)
        return try await next(request, context)
    }
}
