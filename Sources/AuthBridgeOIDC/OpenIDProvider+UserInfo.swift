import AuthBridgeCore
import AuthBridgeJWT
import Logging

extension OpenIDProvider {
    /// The userinfo endpoint (OpenID Connect Core §5.3): the identity claims of a valid access token
    /// whose grant has not been revoked. Errors follow RFC 6750 (`invalid_token`, 401,
    /// `WWW-Authenticate: Bearer`).
    public func userInfo(authorization: String?) async -> OIDCResponse {
        do throws(OIDCError) {
            guard let authorization, authorization.lowercased().hasPrefix("bearer ") else {
                throw OIDCError(.invalidToken, "a bearer access token is required")
            }
            let token = String(authorization.dropFirst(7).drop(while: { $0 == " " }))
            let now = self.clock.now
            let verified: VerifiedJWT
            do {
                let keys = try JWTKeyCollection(keys: self.keyRing.publishedKeys(now: now))
                let options = JWTValidationOptions(
                    leeway: .seconds(30),
                    issuer: self.configuration.issuer,
                    audience: self.configuration.issuer + self.configuration.userInfoPath,
                    requiredClaims: ["exp", "sub", "sid"],
                    typePolicy: .oneOf(["at+jwt"]),
                    clock: self.clock
                )
                verified = try JWTVerifier(keys: keys, options: options).verify(token)
            } catch {
                throw OIDCError(.invalidToken, "the access token is invalid or expired")
            }
            guard let family = verified.claims["sid"]?.stringValue else { throw OIDCError(.invalidToken, "the access token is invalid") }
            let active: Bool
            do {
                active = try await self.refreshTokenStore.isActive(family: family)
            } catch {
                throw OIDCError(.temporarilyUnavailable, "the refresh-token store failed")
            }
            guard active else { throw OIDCError(.invalidToken, "the grant was revoked") }
            var claims = JSONObject()
            for name in verified.claims.names where !Self.accessOnlyClaims.contains(name) {
                claims[name] = verified.claims[name]
            }
            return Self.json(.object(claims), status: 200)
        } catch {
            return Self.errorResponse(error)
        }
    }

    static let accessOnlyClaims: Set<String> = ["iss", "aud", "client_id", "scope", "sid", "iat", "exp", "jti"]
}
