public import AuthBridgeCore
internal import AuthBridgeJWT
internal import NIOHTTP1

extension GenesysCloudClient {
    /// Asks Genesys to sign a member token for a verified customer (`POST /api/v2/signeddata`).
    ///
    /// The body carries the identity the session vouches for (`sub`, `name`, `email`, `email_verified`,
    /// the credential kind) plus `authorized: true` and the signing time, as the official
    /// authenticated-chat examples send. Genesys signs whatever JSON it receives; the claims it reads are
    /// not documented, so the identity is sent under standard JWT names. Signing has no side effect, so
    /// the call is retried on transient failures. Needs the OAuth client's signature permission (403 otherwise).
    /// - Parameters:
    ///   - session: The verified customer.
    ///   - additionalClaims: Extra string claims; they cannot replace the identity claims.
    /// - Returns: The member token for the page.
    /// - Throws: ``GenesysError`` or `CancellationError`.
    public func memberToken(
        for session: VerifiedSession,
        additionalClaims: [String: String] = [:]
    ) async throws -> GenesysMemberToken {
        var body = JSONObject()
        for (name, value) in additionalClaims.sorted(by: { $0.key < $1.key }) { body[name] = .string(value) }
        body["authorized"] = true
        body["date"] = .number((JWTClock.system.now * 1000).rounded())
        body["sub"] = .string(session.subject)
        if let name = session.name { body["name"] = .string(name) }
        if let email = session.email {
            body["email"] = .string(email)
            body["email_verified"] = .bool(session.isEmailVerified)
        }
        body["credential"] = .string(session.credentialKind.description)
        let request = GenesysRequest(.POST, "/api/v2/signeddata", json: .object(body), isIdempotent: true)
        let response = try await self.transport.send(request)
        let jwt = try response.string("jwt", in: try response.jsonObject())
        return GenesysMemberToken(jwt: Secret(jwt))
    }
}
