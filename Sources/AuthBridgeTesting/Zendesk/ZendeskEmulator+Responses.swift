import AuthBridgeCore
public import Hummingbird

extension ZendeskEmulator {
    /// The headers Zendesk's Support API puts on every answer.
    static let rateLimitHeaders: HTTPFields = [
        .init("X-Rate-Limit")!: "700",
        .init("X-Rate-Limit-Remaining")!: "699",
    ]

    /// 401 for a missing, unknown, expired or revoked OAuth token: the OAuth error body and a
    /// `WWW-Authenticate` challenge, as Zendesk sends them.
    public static func invalidTokenResponse() -> Response {
        var headers = self.rateLimitHeaders
        headers[.wwwAuthenticate] =
            #"Bearer realm="Zendesk", error="invalid_token", error_description="The access token provided is expired, revoked, malformed or invalid for other reasons.""#
        return EmulatorJSON.response(
            json:
                #"{"error":"invalid_token","error_description":"The access token provided is expired, revoked, malformed or invalid for other reasons."}"#,
            status: .unauthorized,
            headers: headers
        )
    }

    /// 403 for a token without a scope the endpoint needs: `{"error":"Forbidden","description":"You are
    /// missing the following required scopes: <scope>"}`.
    /// - Parameter scope: The missing scope.
    /// - Returns: The response.
    public static func missingScopeResponse(_ scope: String) -> Response {
        EmulatorJSON.response(
            json: #"{"error":"Forbidden","description":"You are missing the following required scopes: \#(scope)"}"#,
            status: .forbidden,
            headers: self.rateLimitHeaders
        )
    }

    /// A fault that answers 429 with `Retry-After` and the rate-limit headers (remaining 0), as Zendesk does
    /// when an account exceeds its per-minute budget. The body is empty: the reference documents none.
    /// - Parameter retryAfter: Seconds to wait, sent as `Retry-After`.
    /// - Returns: The fault.
    public static func rateLimitFault(retryAfter: Int) -> EmulatorFault {
        .respond(
            status: .tooManyRequests,
            headers: [
                .retryAfter: String(retryAfter),
                .init("X-Rate-Limit")!: "700",
                .init("X-Rate-Limit-Remaining")!: "0",
            ]
        )
    }

    /// A fault that answers like ``invalidTokenResponse()``, for tests that revoke a token mid-flight.
    public static let invalidTokenFault = EmulatorFault.respond(
        status: .unauthorized,
        headers: [
            .wwwAuthenticate: #"Bearer realm="Zendesk", error="invalid_token""#
        ],
        body:
            #"{"error":"invalid_token","error_description":"The access token provided is expired, revoked, malformed or invalid for other reasons."}"#
    )

    /// A fault that answers 503 with a Zendesk-style body, for server-error tests.
    public static let serverErrorFault = EmulatorFault.respond(
        status: .serviceUnavailable,
        headers: [.contentType: "application/json; charset=utf-8"],
        body: #"{"error":"ServiceUnavailable","description":"Service temporarily unavailable"}"#
    )

    static func notFound() -> Response {
        EmulatorJSON.response(json: #"{"error":"RecordNotFound","description":"Not found"}"#, status: .notFound, headers: self.rateLimitHeaders)
    }

    static func oauthError(_ error: String, _ description: String, status: HTTPResponse.Status) -> Response {
        EmulatorJSON.response(json: #"{"error":"\#(error)","error_description":"\#(description)"}"#, status: status)
    }

    static func sunshineError(_ code: String, _ title: String, status: HTTPResponse.Status) -> Response {
        EmulatorJSON.response(json: #"{"errors":[{"code":"\#(code)","title":"\#(title)"}]}"#, status: status)
    }
}
