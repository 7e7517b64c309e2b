public import Hummingbird
import Synchronization

/// A responder whose routes are installed after the server listens, for servers whose routes must know
/// their own port (an OpenID provider's issuer names it). Until then it answers 503.
///
/// ```swift
/// let responder = LateBoundResponder()
/// let server = try await EmulatorServer.start(responder: responder)
/// let router = Router(context: EmulatorRequestContext.self)
/// OpenIDRoutes(provider: makeProvider(issuer: server.baseURL)).register(on: router)
/// responder.install(router)
/// ```
public final class LateBoundResponder: HTTPResponder, Sendable {
    /// The request context of emulator servers.
    public typealias Context = EmulatorRequestContext

    private let inner = Mutex<RouterResponder<EmulatorRequestContext>?>(nil)

    /// Creates a responder with no routes yet.
    public init() {}

    /// Installs (or replaces) the routes.
    /// - Parameter router: The routes.
    public func install(_ router: Router<EmulatorRequestContext>) {
        let responder = router.buildResponder()
        self.inner.withLock { $0 = responder }
    }

    /// Answers with the installed routes, or 503 before any are installed.
    public func respond(to request: Request, context: EmulatorRequestContext) async throws -> Response {
        guard let responder = self.inner.withLock({ $0 }) else { return Response(status: .serviceUnavailable) }
        return try await responder.respond(to: request, context: context)
    }
}
