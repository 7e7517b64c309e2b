/// A request to the token endpoint as the server received it.
public struct TokenEndpointRequest: Sendable {
    /// The `Authorization` header, if any (`client_secret_basic`).
    public var authorization: String?
    /// The `Content-Type` header; must be `application/x-www-form-urlencoded`.
    public var contentType: String?
    /// The raw body.
    public var body: [UInt8]

    /// A request.
    public init(authorization: String?, contentType: String?, body: [UInt8]) {
        self.authorization = authorization
        self.contentType = contentType
        self.body = body
    }
}
