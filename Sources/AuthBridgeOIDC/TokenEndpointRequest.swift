/// A request to the token endpoint as the server received it.
///
/// It holds secrets (the client's Basic credentials, a code and its verifier, a refresh token), so its
/// `description` names only their presence and sizes.
public struct TokenEndpointRequest: Sendable, CustomStringConvertible {
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

    /// Whether there is an `Authorization` header, and the body's size; never a value.
    public var description: String {
        "TokenEndpointRequest(authorization: \(self.authorization == nil ? "none" : "present"), body: \(self.body.count) bytes)"
    }
}
