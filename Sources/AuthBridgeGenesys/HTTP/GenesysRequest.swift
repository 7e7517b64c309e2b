internal import AuthBridgeJWT
internal import NIOHTTP1

/// One request to Genesys, before authentication is added.
struct GenesysRequest: Sendable {
    enum Endpoint: Sendable {
        /// `login.{domain}`: client authentication, no bearer token.
        case login
        /// `api.{domain}` with the service token.
        case platform
        /// `api.{domain}` without a token (the guest chat create call authenticates with its body).
        case anonymous
    }

    var method: HTTPMethod
    /// The path, starting with `/`, ids already escaped.
    var path: String
    var query: String?
    var endpoint: Endpoint
    var body: [UInt8]?
    var contentType: String?
    var headers: [(String, String)] = []
    /// Whether sending it twice has the effect of sending it once; only such requests are retried.
    var isIdempotent: Bool

    init(
        _ method: HTTPMethod,
        _ path: String,
        query: String? = nil,
        endpoint: Endpoint = .platform,
        json: JSONValue? = nil,
        isIdempotent: Bool
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.endpoint = endpoint
        if let json {
            self.body = json.serializedBytes
            self.contentType = "application/json"
        }
        self.isIdempotent = isIdempotent
    }

    /// `METHOD /path`, for errors and logs; ids in paths are not secrets.
    var operation: String { "\(self.method.rawValue) \(self.path)" }

    /// The path with its ids as `{id}` (`/api/v2/conversations/{id}`): a span name of bounded cardinality.
    /// Genesys's own segments are lowercase words (and the `v2` of the version); anything else is an id.
    var pathTemplate: String {
        self.path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            let isWord = !segment.isEmpty && segment.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
            let isVersion = segment.count > 1 && segment.first == "v" && segment.dropFirst().allSatisfy(\.isNumber)
            return isWord || isVersion || segment.isEmpty ? String(segment) : "{id}"
        }.joined(separator: "/")
    }
}
