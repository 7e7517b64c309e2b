import AuthBridgeCore
import AuthBridgeJWT
import Logging

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension OpenIDProvider {
    /// The token endpoint (RFC 6749 §3.2, §4.1.3, §6; OpenID Connect Core §3.1.3): `authorization_code`
    /// and `refresh_token` grants, client authentication by `client_secret_basic` or
    /// `client_secret_post`. Errors follow RFC 6749 §5.2; every response has `Cache-Control: no-store`.
    public func tokenEndpoint(_ request: TokenEndpointRequest) async -> OIDCResponse {
        do throws(OIDCError) {
            guard let contentType = request.contentType?.lowercased(), contentType.hasPrefix("application/x-www-form-urlencoded") else {
                throw OIDCError(.invalidRequest, "the body must be application/x-www-form-urlencoded")
            }
            let form = try FormBody(request.body)
            let client = try self.authenticate(authorization: request.authorization, form: form)
            switch form["grant_type"] {
            case "authorization_code":
                return try await self.redeemCode(form: form, client: client)
            case "refresh_token":
                return try await self.refresh(form: form, client: client)
            case .none:
                throw OIDCError(.invalidRequest, "grant_type is required")
            default:
                throw OIDCError(.unsupportedGrantType, "only authorization_code and refresh_token are supported")
            }
        } catch {
            // Reasons may quote the request; escaped again here, whatever built them.
            self.logger.info(
                "token request refused", metadata: ["oidc.error": "\(error.code)", "oidc.reason": "\(LogText.printable(error.reason, limit: 200))"])
            return Self.errorResponse(error)
        }
    }

    static func errorResponse(_ error: OIDCError) -> OIDCResponse {
        var extra: [OIDCResponse.Header] = []
        if error.code == .invalidClient { extra.append(.init(name: "WWW-Authenticate", value: #"Basic realm="authbridge""#)) }
        if error.code == .invalidToken {
            extra.append(.init(name: "WWW-Authenticate", value: #"Bearer error="invalid_token", error_description="\#(error.reason)""#))
        }
        return Self.json(
            ["error": .string(error.code.description), "error_description": .string(error.reason)], status: error.status, extraHeaders: extra)
    }

    /// RFC 6749 §2.3.1: exactly one method; secrets compared in constant time.
    private func authenticate(authorization: String?, form: FormBody) throws(OIDCError) -> OpenIDClient {
        let id: String
        let secret: String
        if let authorization, authorization.lowercased().hasPrefix("basic ") {
            guard form["client_secret"] == nil else { throw OIDCError(.invalidRequest, "use one client authentication method") }
            guard let decoded = Data(base64Encoded: String(authorization.dropFirst(6).drop(while: { $0 == " " }))),
                let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":")
            else { throw OIDCError(.invalidClient, "malformed Basic credentials") }
            // A bad escape in the credentials is a client authentication failure (401), not a bad request.
            do throws(OIDCError) {
                id = try FormBody.decode(Array(text[..<colon].utf8))
                secret = try FormBody.decode(Array(text[text.index(after: colon)...].utf8))
            } catch {
                throw OIDCError(.invalidClient, "malformed Basic credentials")
            }
            if let bodyID = form["client_id"], bodyID != id { throw OIDCError(.invalidRequest, "client_id differs from the authenticated client") }
        } else if let bodyID = form["client_id"], let bodySecret = form["client_secret"] {
            id = bodyID
            secret = bodySecret
        } else {
            throw OIDCError(.invalidClient, "client authentication is required")
        }
        // Compare a secret even for an unknown client, so timing does not tell which ids exist.
        let client = self.clients[id]
        let matches = Secret(secret) == (client?.secret ?? Secret("\u{0}unknown-client"))
        guard let client, matches else { throw OIDCError(.invalidClient, "client authentication failed") }
        return client
    }

    private func redeemCode(form: FormBody, client: OpenIDClient) async throws(OIDCError) -> OIDCResponse {
        guard let code = form["code"], let redirectURI = form["redirect_uri"], let verifier = form["code_verifier"] else {
            throw OIDCError(.invalidRequest, "code, redirect_uri and code_verifier are required")
        }
        let codeKey = try OpaqueToken.key(for: code, kind: "code")
        // The family of everything this code issues is named after the code, so a second redemption
        // can revoke it without the store keeping any other link.
        let family = try OpaqueToken.key(for: code, kind: "family")
        let consumption: CodeConsumption
        do {
            consumption = try await self.codeStore.consume(codeKey)
        } catch {
            throw OIDCError(.temporarilyUnavailable, "the code store failed")
        }
        let record: GrantRecord
        switch consumption {
        case .unknown:
            throw OIDCError(.invalidGrant, "the code is invalid or expired")
        case .repeated:
            try? await self.refreshTokenStore.revokeFamily(family)
            self.logger.warning("an authorization code was redeemed twice; its tokens are revoked", metadata: ["oidc.client": "\(client.id)"])
            throw OIDCError(.invalidGrant, "the code was already used")
        case .first(let payload):
            record = try GrantRecord(decoding: payload)
        }
        guard record.expiresAt > self.clock.now else { throw OIDCError(.invalidGrant, "the code is invalid or expired") }
        guard record.clientID == client.id else { throw OIDCError(.invalidGrant, "the code was issued to another client") }
        guard record.redirectURI == redirectURI else { throw OIDCError(.invalidGrant, "redirect_uri does not match the code's") }
        guard let challenge = record.codeChallenge, try PKCE.verify(verifier, against: challenge) else {
            throw OIDCError(.invalidGrant, "the PKCE verifier does not match")
        }
        return try await self.issueTokens(record: record, family: family, client: client, includeNonce: true, rotatingFrom: nil)
    }

    private func refresh(form: FormBody, client: OpenIDClient) async throws(OIDCError) -> OIDCResponse {
        guard let token = form["refresh_token"] else { throw OIDCError(.invalidRequest, "refresh_token is required") }
        let key = try OpaqueToken.key(for: token, kind: "refresh")
        let newToken = try OpaqueToken.make()
        let newKey = try OpaqueToken.key(for: newToken, kind: "refresh")
        let rotation: RefreshRotation
        do {
            rotation = try await self.refreshTokenStore.rotate(key, to: newKey, lifetime: self.configuration.refreshTokenLifetime)
        } catch {
            throw OIDCError(.temporarilyUnavailable, "the refresh-token store failed")
        }
        let record: GrantRecord
        let family: String
        switch rotation {
        case .unknown:
            throw OIDCError(.invalidGrant, "the refresh token is invalid, expired or revoked")
        case .reused(let reusedFamily):
            self.logger.warning("a refresh token was reused; its family is revoked", metadata: ["oidc.client": "\(client.id)"])
            _ = reusedFamily
            throw OIDCError(.invalidGrant, "the refresh token was already used")
        case .rotated(let payload, let rotatedFamily):
            record = try GrantRecord(decoding: payload)
            family = rotatedFamily
        }
        guard record.clientID == client.id else {
            try? await self.refreshTokenStore.revokeFamily(family)
            throw OIDCError(.invalidGrant, "the refresh token was issued to another client")
        }
        guard await self.sessionStatus.isStillValid(record.session, now: self.clock.now) else {
            try? await self.refreshTokenStore.revokeFamily(family)
            self.logger.info("refresh refused: the Zendesk session ended", metadata: ["oidc.client": "\(client.id)"])
            throw OIDCError(.invalidGrant, "the customer's session has ended")
        }
        let response = try await self.issueTokens(
            record: record, family: family, client: client, includeNonce: false, rotatingFrom: (newToken, newKey))
        await self.subjectObserver?.refreshed(subject: record.session.subject)
        return response
    }
}
