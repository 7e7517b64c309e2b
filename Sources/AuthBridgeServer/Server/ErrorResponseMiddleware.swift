import Hummingbird
import Logging

/// Turns an error a route threw into its response here, inside the front, so the outer middlewares
/// (CORS, correlation id, access log, metrics) see and decorate every answer. Errors that are not HTTP
/// errors become a bare 500; only their type is logged, as their text may quote request data. (A body
/// the client broke is a 400 already: routes read bodies through `ClientRequestBody`.)
struct ErrorResponseMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            return try error.response(from: request, context: context)
        } catch {
            context.logger.error("unhandled error in a route", metadata: ["error.type": .string(String(reflecting: type(of: error)))])
            return ServerResponses.error(.internalServerError, "internal error")
        }
    }
}
