import AuthBridgeTesting
import Hummingbird
import Synchronization

/// A responder whose routes are built after the server listens: the provider's issuer must name the
/// port, which is known only then.
final class DeferredResponder: HTTPResponder, Sendable {
    typealias Context = EmulatorRequestContext

    private let inner = Mutex<RouterResponder<EmulatorRequestContext>?>(nil)

    func install(_ router: Router<EmulatorRequestContext>) {
        let responder = router.buildResponder()
        self.inner.withLock { $0 = responder }
    }

    func respond(to request: Request, context: EmulatorRequestContext) async throws -> Response {
        guard let responder = self.inner.withLock({ $0 }) else { return Response(status: .serviceUnavailable) }
        return try await responder.respond(to: request, context: context)
    }
}
