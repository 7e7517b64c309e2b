import Hummingbird
import Logging
import NIOCore
import NIOHTTP1

/// Turns an error a route threw into its response here, inside the front, so the outer middlewares
/// (CORS, correlation id, access log, metrics) see and decorate every answer. A request the client broke
/// (a malformed chunked body, a hang-up mid-body) is a 400 logged at debug: anyone could otherwise raise
/// 5xx metrics and error logs at will. Other errors that are not HTTP errors become a bare 500; only
/// their type is logged, as their text may quote request data.
struct ErrorResponseMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            return try error.response(from: request, context: context)
        } catch  where Self.isClientFault(error) {
            context.logger.debug("request broken by the client", metadata: ["error.type": .string(String(reflecting: type(of: error)))])
            return ServerResponses.error(.badRequest, "malformed request")
        } catch {
            context.logger.error("unhandled error in a route", metadata: ["error.type": .string(String(reflecting: type(of: error)))])
            return ServerResponses.error(.internalServerError, "internal error")
        }
    }

    /// The request's bytes failed to parse, or the client's connection went away while the route read it.
    static func isClientFault(_ error: any Error) -> Bool {
        if error is HTTPParserError || error is IOError { return true }
        if let channel = error as? ChannelError {
            switch channel {
            case .eof, .ioOnClosedChannel, .inputClosed, .outputClosed, .alreadyClosed: return true
            default: return false
            }
        }
        return false
    }
}
