public import Hummingbird

/// CORS by an explicit allow-list (``CORSPolicy``).
///
/// - A request without `Origin` passes, and its response gets `Vary: Origin` (when any origin is
///   allowed), so a shared cache never hands its copy to a page that needs the CORS headers.
/// - An allowed origin's preflight (`OPTIONS` with `Access-Control-Request-Method`) is answered here with
///   204, the allowed methods and headers and `Access-Control-Max-Age`, provided the method and every
///   requested header are allowed; otherwise 403. Its other requests get `Access-Control-Allow-Origin`
///   naming the origin (never `*`), `Vary: Origin` and the exposed headers.
/// - A disallowed origin gets no CORS header at all: its preflight is answered 403, its other requests
///   403 too unless ``CORSPolicy/refusesDisallowedOrigins`` is off.
public struct AllowListCORSMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The policy.
    public let policy: CORSPolicy
    private let origins: Set<String>
    private let methods: Set<HTTPRequest.Method>
    private let headers: Set<String>
    private let allowMethodsValue: String
    private let allowHeadersValue: String
    private let exposeHeadersValue: String
    private let maximumAgeValue: String

    /// Creates the middleware.
    /// - Parameter policy: The allow-list and preflight answers.
    public init(policy: CORSPolicy) {
        self.policy = policy
        self.origins = Set(policy.allowedOrigins.map { CORSPolicy.normalize($0) }.filter { $0 != "*" })
        self.methods = Set(policy.allowedMethods)
        self.headers = Set(policy.allowedHeaders.map { $0.lowercased() })
        self.allowMethodsValue = policy.allowedMethods.map(\.rawValue).joined(separator: ", ")
        self.allowHeadersValue = policy.allowedHeaders.joined(separator: ", ")
        self.exposeHeadersValue = policy.exposedHeaders.joined(separator: ", ")
        self.maximumAgeValue = String(max(0, policy.maximumAge.components.seconds))
    }

    /// Answers preflights, refuses disallowed origins and adds CORS headers to allowed ones.
    /// - Parameters:
    ///   - request: The request.
    ///   - context: Its context.
    ///   - next: The rest of the chain.
    /// - Returns: The response.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin] else {
            // The answer differs by Origin, so a shared cache must key on it even for a request without
            // one (discovery and JWKS are cacheable): else a copy without CORS headers reaches the page.
            var response = try await next(request, context)
            if !self.origins.isEmpty { response.headers.append(HTTPFields.Element(name: .vary, value: "Origin")) }
            return response
        }
        let allowed = self.origins.contains(CORSPolicy.normalize(origin))
        let isPreflight = request.method == .options && request.headers[.accessControlRequestMethod] != nil
        if isPreflight {
            guard allowed, self.allowsPreflight(of: request) else { return ServerResponses.error(.forbidden, "CORS preflight refused") }
            var response = Response(status: .noContent)
            self.addOriginHeaders(origin, to: &response.headers)
            response.headers[.accessControlAllowMethods] = self.allowMethodsValue
            response.headers[.accessControlAllowHeaders] = self.allowHeadersValue
            response.headers[.accessControlMaxAge] = self.maximumAgeValue
            response.headers.append(HTTPFields.Element(name: .vary, value: "Access-Control-Request-Method, Access-Control-Request-Headers"))
            return response
        }
        guard allowed else {
            if self.policy.refusesDisallowedOrigins { return ServerResponses.error(.forbidden, "origin not allowed") }
            var response = try await next(request, context)
            response.headers.append(HTTPFields.Element(name: .vary, value: "Origin"))
            return response
        }
        var response = try await next(request, context)
        self.addOriginHeaders(origin, to: &response.headers)
        if !self.exposeHeadersValue.isEmpty { response.headers[.accessControlExposeHeaders] = self.exposeHeadersValue }
        return response
    }

    private func allowsPreflight(of request: Request) -> Bool {
        guard let method = request.headers[.accessControlRequestMethod].flatMap({ HTTPRequest.Method($0) }),
            self.methods.contains(method)
        else { return false }
        for line in request.headers[values: .accessControlRequestHeaders] {
            for name in line.split(separator: ",") {
                let name = name.trimmingCharacters(in: " \t").lowercased()
                if !name.isEmpty && !self.headers.contains(name) { return false }
            }
        }
        return true
    }

    private func addOriginHeaders(_ origin: String, to headers: inout HTTPFields) {
        headers[.accessControlAllowOrigin] = origin
        if self.policy.allowsCredentials { headers[.accessControlAllowCredentials] = "true" }
        headers.append(HTTPFields.Element(name: .vary, value: "Origin"))
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> Substring {
        var result = self
        while let first = result.first, set.contains(first) { result.removeFirst() }
        while let last = result.last, set.contains(last) { result.removeLast() }
        return result
    }
}
