import NIOHTTP1

/// One call to Zendesk, before it is sent.
struct ZendeskRequest: Sendable {
    var method: HTTPMethod
    var url: String
    var headers: HTTPHeaders
    var body: [UInt8]?
    /// Names the call in logs and errors, for example `introspect token`.
    var operation: String

    /// Only idempotent requests are retried.
    var isIdempotent: Bool {
        switch self.method {
        case .GET, .HEAD, .PUT, .DELETE, .OPTIONS: true
        default: false
        }
    }

    init(_ method: HTTPMethod, _ url: String, operation: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.operation = operation
        self.headers = headers
        self.body = body
        self.headers.replaceOrAdd(name: "Accept", value: "application/json")
        self.headers.replaceOrAdd(name: "User-Agent", value: "AuthBridge")
    }
}
