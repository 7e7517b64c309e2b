public import AuthBridgeOIDC

/// An error answer from Zendesk, Genesys or an identity provider that arrived without an adapter error
/// around it (a call made by hand, the Messenger exchange, our own token endpoint), so it can be handed to
/// ``Diagnosis/diagnose(_:at:token:context:)``.
///
/// Only the status, a few headers (`Date`, `Retry-After`, `inin-correlation-id`, `X-Request-Id`) and the
/// error members of a JSON body (`code`, `error`, `message`, `description`, `error_description`,
/// `contextId`, `errors[0].code/title`) are ever read; the body itself is never printed.
public struct PeerResponse: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status.
    public var status: Int
    /// The response headers as (name, value) pairs; names compare case-insensitively.
    public var headers: [Header]
    /// The response body (usually JSON).
    public var body: [UInt8]

    /// One header field.
    public struct Header: Sendable, Hashable {
        /// The field name.
        public var name: String
        /// The field value.
        public var value: String

        /// Creates a header field.
        /// - Parameters:
        ///   - name: The name.
        ///   - value: The value.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Creates a response.
    /// - Parameters:
    ///   - status: The HTTP status.
    ///   - headers: The headers; default none.
    ///   - body: The body; default empty.
    public init(status: Int, headers: [Header] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The answer of AuthBridge's own OpenID provider, for example its token endpoint's `invalid_grant`.
    /// - Parameter response: The provider's response.
    public init(_ response: OIDCResponse) {
        self.init(
            status: response.status,
            headers: response.headers.map { Header(name: $0.name, value: $0.value) },
            body: response.body
        )
    }

    /// The value of the first header called `name` (case-insensitive).
    /// - Parameter name: The header name.
    /// - Returns: The value, if present.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return self.headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// `PeerResponse(status)`: never the body or header values, which may echo a credential.
    public var description: String { "PeerResponse(\(self.status))" }
}
