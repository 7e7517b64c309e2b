import AuthBridgeCore
import AuthBridgeJWT
import Logging

extension OpenIDProvider {
    /// Signs the ID and access tokens and, for a new grant, starts its refresh-token family.
    func issueTokens(
        record: GrantRecord,
        family: String,
        client: OpenIDClient,
        includeNonce: Bool,
        rotatingFrom rotated: (token: String, key: String)?
    ) async throws(OIDCError) -> OIDCResponse {
        let now = self.clock.now.rounded(.down)
        let identity = self.identityClaims(record)
        var idClaims = identity
        idClaims["iss"] = .string(self.configuration.issuer)
        idClaims["aud"] = .string(client.id)
        idClaims["iat"] = .number(now)
        idClaims["exp"] = .number(now + Self.seconds(self.configuration.idTokenLifetime))
        idClaims["auth_time"] = .number(record.authTime)
        if includeNonce, let nonce = record.nonce { idClaims["nonce"] = .string(nonce) }

        // The access token is a JWT for our own userinfo endpoint (RFC 9068); `sid` ties it to the
        // grant's family, so revoking the family revokes it too.
        var accessClaims = identity
        accessClaims["iss"] = .string(self.configuration.issuer)
        accessClaims["aud"] = .string(self.configuration.issuer + self.configuration.userInfoPath)
        accessClaims["client_id"] = .string(client.id)
        accessClaims["scope"] = .string(record.scopes.joined(separator: " "))
        accessClaims["sid"] = .string(family)
        accessClaims["iat"] = .number(now)
        accessClaims["exp"] = .number(now + Self.seconds(self.configuration.accessTokenLifetime))
        accessClaims["jti"] = .string(try OpaqueToken.make())

        let key = self.keyRing.signingKey
        let idToken: String
        let accessToken: String
        do {
            idToken = try JWTSigner(key: key, type: "JWT").sign(idClaims)
            accessToken = try JWTSigner(key: key, type: "at+jwt").sign(accessClaims)
        } catch {
            throw OIDCError(.serverError, "signing failed")
        }

        let refreshToken: String
        if let rotated {
            refreshToken = rotated.token
        } else {
            refreshToken = try OpaqueToken.make()
            do {
                try await self.refreshTokenStore.insert(
                    record.encoded(),
                    forKey: try OpaqueToken.key(for: refreshToken, kind: "refresh"),
                    family: family,
                    subject: record.session.subject,
                    lifetime: self.configuration.refreshTokenLifetime
                )
            } catch let error as OIDCError {
                throw error
            } catch let error as AuthBridgeError where error.code == .entryExists {
                // The code was redeemed again meanwhile, and that redemption revoked this family ahead.
                throw OIDCError(.invalidGrant, "the code was already used")
            } catch {
                throw OIDCError(.temporarilyUnavailable, "the refresh-token store failed")
            }
        }
        var body: JSONObject = [
            "access_token": .string(accessToken),
            "token_type": "Bearer",
            "expires_in": .number(Self.seconds(self.configuration.accessTokenLifetime)),
            "id_token": .string(idToken),
            "scope": .string(record.scopes.joined(separator: " ")),
        ]
        // A refresh token only with offline_access; without it the family still exists (never handed
        // out) so that revoking it revokes the access token.
        if record.scopes.contains("offline_access") { body["refresh_token"] = .string(refreshToken) }
        self.logger.debug(
            "issued tokens", metadata: ["oidc.client": "\(client.id)", "oidc.grant": "\(rotated == nil ? "authorization_code" : "refresh_token")"])
        return Self.json(.object(body), status: 200)
    }

    /// `sub` and, by scope, the `email` and `profile` claims, plus the namespaced Zendesk context.
    func identityClaims(_ record: GrantRecord) -> JSONObject {
        let session = record.session
        var claims: JSONObject = ["sub": .string(session.subject)]
        if record.scopes.contains("email"), let email = session.email {
            claims["email"] = .string(email)
            // Verified only when Zendesk said so.
            claims["email_verified"] = .bool(session.isEmailVerified)
        }
        if record.scopes.contains("profile"), let name = session.name, !name.isEmpty {
            claims["name"] = .string(name)
            // Genesys maps given_name + family_name: the last word is the family name, the rest given.
            var words = name.split(separator: " ").map(String.init)
            if words.count > 1 {
                claims["family_name"] = .string(words.removeLast())
                claims["given_name"] = .string(words.joined(separator: " "))
            } else {
                claims["given_name"] = .string(name)
            }
        }
        if record.scopes.contains("profile"), case .string(let phone)? = session.context["phone"] ?? session.context["phone_number"] {
            claims["phone_number"] = .string(phone)
        }
        var context: JSONObject = ["credential_kind": .string(session.credentialKind.description)]
        for name in ["external_id", "chat_id", "conversation_id", "ticket_id"] {
            if let value = session.context[name] { context[name] = JSONValue(value) }
        }
        claims[self.configuration.contextClaim] = .object(context)
        return claims
    }
}
