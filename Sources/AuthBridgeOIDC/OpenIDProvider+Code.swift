public import AuthBridgeCore
import AuthBridgeJWT
import Logging

extension OpenIDProvider {
    /// Issues a one-time code for a verified Zendesk session, bound to the client, the exact redirect
    /// URI, the nonce, the PKCE challenge and the identity.
    ///
    /// - Returns: What the AuthProvider plugin's `getAuthCode` resolves with.
    /// - Throws: ``OIDCError`` with `unauthorized_client` for an unknown client or unregistered
    ///   redirect URI, `invalid_request` for PKCE other than `S256` or a malformed challenge,
    ///   `invalid_scope` without `openid` or beyond the client's scopes.
    public func issueCode(for session: VerifiedSession, request: AuthorizationCodeRequest) async throws(OIDCError) -> AuthorizationCodeGrant {
        guard let client = self.clients[request.clientID] else { throw OIDCError(.unauthorizedClient, "unknown client") }
        guard client.redirectURIs.contains(request.redirectURI) else {
            throw OIDCError(.unauthorizedClient, "the redirect URI is not registered for this client")
        }
        guard request.codeChallengeMethod == "S256" else {
            throw OIDCError(.invalidRequest, "only the S256 PKCE method is supported")
        }
        let scopes = try Self.scopes(request.scope, allowed: client.allowedScopes)
        if let nonce = request.nonce, nonce.isEmpty || nonce.utf8.count > 512 {
            throw OIDCError(.invalidRequest, "the nonce must be 1 to 512 bytes")
        }
        let code: String
        var verifier: String? = nil
        let challenge: String
        if let given = request.codeChallenge {
            guard PKCE.isValidChallenge(given) else { throw OIDCError(.invalidRequest, "the code challenge is not an S256 challenge") }
            code = try OpaqueToken.make()
            challenge = given
        } else {
            // The page holds no PKCE pair: the server makes one, from the same random draw as the code.
            let made = try OpaqueToken.makeCodeAndVerifier()
            code = made.code
            verifier = made.verifier
            challenge = try PKCE.challenge(for: made.verifier)
        }
        let now = self.clock.now
        let record = GrantRecord(
            clientID: client.id,
            redirectURI: request.redirectURI,
            nonce: request.nonce,
            codeChallenge: challenge,
            scopes: scopes,
            // When the customer authenticated, as the credential says; never later than now (a
            // credential's iat may run ahead within the leeway).
            authTime: min(session.authenticatedAt ?? now, now).rounded(.down),
            // Whole seconds, rounded down: a code never outlives its lifetime, and the record stays integral.
            expiresAt: (now + Self.seconds(self.configuration.codeLifetime)).rounded(.down),
            session: session
        )
        let stored: Bool
        do {
            stored = try await self.codeStore.insert(
                record.encoded(), forKey: try OpaqueToken.key(for: code, kind: "code"), lifetime: self.configuration.codeLifetime)
        } catch let error as OIDCError {
            throw error
        } catch {
            throw OIDCError(.temporarilyUnavailable, "the code store failed")
        }
        guard stored else { throw OIDCError(.serverError, "code collision") }
        self.logger.debug("issued an authorization code", metadata: ["oidc.client": "\(client.id)", "oidc.kind": "\(session.credentialKind)"])
        return AuthorizationCodeGrant(
            authCode: Secret(code),
            redirectUri: request.redirectURI,
            nonce: request.nonce,
            codeVerifier: verifier.map(Secret.init)
        )
    }

    /// Validates a raw Zendesk credential with `validator`, then issues a code for it.
    public func issueCode(
        credential: Secret,
        validator: any SessionValidator,
        request: AuthorizationCodeRequest
    ) async throws -> AuthorizationCodeGrant {
        let session = try await validator.validate(credential, logger: self.logger)
        return try await self.issueCode(for: session, request: request)
    }

    /// The requested scopes, refused without `openid` or beyond what the client may have.
    ///
    /// Words are matched against ``supportedScopes`` in place and the result holds those literals, so a
    /// well-formed request allocates only the result (every code request parses its scope).
    static func scopes(_ scope: String, allowed: Set<String>) throws(OIDCError) -> [String] {
        var scopes: [String] = []
        scopes.reserveCapacity(Self.supportedScopes.count)
        var scope = scope
        let unavailable: String? = scope.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                if bytes[start] == UInt8(ascii: " ") {
                    start += 1
                    continue
                }
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: " ") { end += 1 }
                let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
                // Lengths first: most candidates differ there, and UTF8View comparison is element by element.
                let name = Self.supportedScopes.first { $0.utf8.count == word.count && $0.utf8.elementsEqual(word) }
                guard let name, allowed.contains(name) else {
                    return String(decoding: word.prefix(40), as: UTF8.self)
                }
                if !scopes.contains(name) { scopes.append(name) }
                start = end
            }
            return nil
        }
        if let unavailable { throw OIDCError(.invalidScope, "the scope \(unavailable) is not available to this client") }
        guard scopes.contains("openid") else { throw OIDCError(.invalidScope, "the openid scope is required") }
        return scopes
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
