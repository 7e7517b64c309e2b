import Hummingbird

/// One middleware in front of a responder, composed by type so the chain costs no existential calls.
struct MiddlewareResponder<Middleware: RouterMiddleware, Next: HTTPResponder>: HTTPResponder
where Middleware.Context == Next.Context {
    typealias Context = Next.Context

    let middleware: Middleware
    let next: Next

    func respond(to request: Request, context: Context) async throws -> Response {
        try await self.middleware.handle(request, context: context) { request, context in
            try await self.next.respond(to: request, context: context)
        }
    }
}

extension HTTPResponder {
    /// `self` behind `middleware`.
    func behind<M: RouterMiddleware>(_ middleware: M) -> MiddlewareResponder<M, Self> where M.Context == Context {
        MiddlewareResponder(middleware: middleware, next: self)
    }
}
