/// An HTTP response the provider has fully decided, for a server to write as is.
public struct OIDCResponse: Sendable, Hashable {
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

    /// The value of the first header called `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        self.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
