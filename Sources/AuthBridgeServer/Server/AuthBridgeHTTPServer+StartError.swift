extension AuthBridgeHTTPServer {
    /// The server stopped before it reported a listening port.
    public struct StartError: Error, CustomStringConvertible {
        /// A fixed explanation.
        public var description: String { "the HTTP server stopped before it listened" }
    }
}
