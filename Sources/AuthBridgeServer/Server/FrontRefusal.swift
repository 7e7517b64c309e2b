import Hummingbird

/// A refusal thrown while a route reads its request (a body too large, a body the client broke),
/// answered in the front's `{"error": message}` shape the OpenAPI document names. Hummingbird's router
/// answers the errors routes throw itself, before any middleware sees them, and its own would be an
/// empty body or `{"error": {"message"}}`.
struct FrontRefusal: HTTPResponseError {
    let status: HTTPResponse.Status
    let message: StaticString
    let headers: HTTPFields

    init(_ status: HTTPResponse.Status, _ message: StaticString, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        ServerResponses.error(self.status, self.message, headers: self.headers)
    }

    /// A body over its cap; the client is asked to close the connection, as the rest is not read.
    static let tooLarge = FrontRefusal(.contentTooLarge, "request body too large", headers: [.connection: "close"])
}
