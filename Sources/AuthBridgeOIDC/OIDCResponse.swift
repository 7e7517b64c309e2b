/// An HTTP response the provider has fully decided, for a server to write as is.
///
/// A token response's body holds tokens, so `description` names only the status and the body's size.
public struct OIDCResponse: Sendable, Hashable, CustomStringConvertible {
    /// The status code.
    public var status: Int
    /// Header fields, in order.
    public var headers: [Header]
    /// The body (JSON).
    public var body: [UInt8]

    /// One header field.
    public struct Header: Sendable, Hashable {
        /// The field name.
        public var name: String
        /// The field value.
        public var value: String
    }

    /// The status and the body's size; never the body.
    public var description: String { "OIDCResponse(status: \(self.status), body: \(self.body.count) bytes)" }

    /// The value of the first header called `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        self.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
