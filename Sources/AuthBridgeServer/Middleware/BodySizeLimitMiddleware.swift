public import Hummingbird

/// A global cap on request bodies, in front of every route's own `collectBody(upTo:)`.
///
/// A declared `Content-Length` above the cap is answered 413 before any byte of the body is read. A body
/// without a length (chunked) is counted as the route reads it, and reading past the cap fails with 413.
/// The 413 asks the client to close the connection (`Connection: close`). The server itself still reads
/// and discards whatever of the body the client goes on sending on that connection before the next
/// request, which costs no memory; a client that stalls instead is closed by the idle timeout
/// (``AuthBridgeHTTPServer/Configuration/idleTimeout``).
public struct BodySizeLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The largest body accepted, in bytes.
    public let maximumSize: Int

    /// Creates the middleware.
    /// - Parameter maximumSize: The largest body accepted, in bytes.
    public init(maximumSize: Int) {
        self.maximumSize = max(0, maximumSize)
    }

    /// Refuses or wraps the body, then calls the next responder.
    /// - Parameters:
    ///   - request: The request.
    ///   - context: Its context.
    ///   - next: The rest of the chain.
    /// - Returns: The response, or 413.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let declared = request.headers[.contentLength] {
            // An unparsable length is HTTP's business (the parser refuses it); only a large valid one is ours.
            if let length = Int(declared), length > self.maximumSize { return Self.tooLarge() }
            return try await next(request, context)
        }
        guard request.headers[.transferEncoding] != nil else { return try await next(request, context) }
        var request = request
        request.body = RequestBody(asyncSequence: LimitedRequestBody(base: request.body, limit: self.maximumSize))
        return try await next(request, context)
    }

    static func tooLarge() -> Response {
        ServerResponses.error(FrontRefusal.tooLarge.status, FrontRefusal.tooLarge.message, headers: FrontRefusal.tooLarge.headers)
    }
}
