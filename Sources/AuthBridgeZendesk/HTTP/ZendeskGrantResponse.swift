import AuthBridgeCore

/// The answer of a Zendesk token endpoint (Support's `/oauth/tokens`, Chat's `/oauth2/chat/token`):
/// `access_token`, `expires_in` when the token expires, `scope`.
struct ZendeskGrantResponse: Decodable {
    var accessToken: String
    var expiresIn: Double?
    var scope: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case expiresIn = "expires_in"
        case scope
    }

    /// The token `response` carries, or the error it stands for; a refused client (400 or 401
    /// `invalid_client`) is `.unauthorized`, which the broker does not retry.
    static func token(
        from response: ZendeskResponse,
        operation: String,
        defaultLifetime: Duration,
        scopes: [String]
    ) throws(ZendeskError) -> AccessToken {
        if let error = response.error(operation: operation) {
            if error.code == .unexpectedStatus, error.status == 400 {
                throw ZendeskError(
                    .unauthorized,
                    "Zendesk refused the \(operation)",
                    status: 400,
                    zendeskError: error.zendeskError,
                    zendeskDescription: error.zendeskDescription,
                    requestID: error.requestID,
                    serverDate: error.serverDate
                )
            }
            throw error
        }
        let token = try response.decode(Self.self, operation: operation)
        // Clamped to a year before converting: a hostile or broken `expires_in` (1e300, NaN) must not trap.
        let lifetime =
            token.expiresIn.map { seconds in
                Duration.milliseconds(Int64((seconds.isFinite ? min(max(seconds, 0), 31_536_000) : 0) * 1000))
            } ?? defaultLifetime
        return AccessToken(
            value: Secret(token.accessToken),
            type: "Bearer",
            expiresIn: lifetime,
            scopes: token.scope.map { $0.split(separator: " ").map(String.init) } ?? scopes
        )
    }
}
