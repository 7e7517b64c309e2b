import Hummingbird

/// A middleware that may be switched off by configuration, keeping the chain's type fixed.
struct OptionalMiddleware<Wrapped: RouterMiddleware>: RouterMiddleware {
    typealias Context = Wrapped.Context

    let wrapped: Wrapped?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let wrapped = self.wrapped else { return try await next(request, context) }
        return try await wrapped.handle(request, context: context, next: next)
    }
}
