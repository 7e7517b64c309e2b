public import AuthBridgeJWT

extension OpenIDProvider {
    /// The OpenID Provider Metadata served at `/.well-known/openid-configuration`.
    public var discoveryMetadata: JSONObject {
        let issuer = self.configuration.issuer
        let algorithm = self.keyRing.signingAlgorithm?.name ?? "RS256"
        return [
            "issuer": .string(issuer),
            "authorization_endpoint": .string(issuer + self.configuration.authorizationPath),
            "token_endpoint": .string(issuer + self.configuration.tokenPath),
            "userinfo_endpoint": .string(issuer + self.configuration.userInfoPath),
            "jwks_uri": .string(issuer + self.configuration.jwksPath),
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code", "refresh_token"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": .array([.string(algorithm)]),
            "scopes_supported": .array(Self.supportedScopes.map(JSONValue.string)),
            "claims_supported": [
                "iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "email", "email_verified", "name", "given_name",
                "family_name", "phone_number", .string(self.configuration.contextClaim),
            ],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "request_parameter_supported": false,
            "claims_parameter_supported": false,
        ]
    }

    /// The discovery document as a response (cacheable for a few minutes).
    public func discoveryResponse() -> OIDCResponse {
        Self.json(.object(self.discoveryMetadata), status: 200, cacheControl: "public, max-age=300")
    }

    /// The JWK Set as a response: current, next and retired-within-grace public keys.
    public func jwksResponse() -> OIDCResponse {
        let jwks = self.keyRing.jwks(now: self.clock.now)
        return OIDCResponse(
            status: 200,
            headers: [
                .init(name: "Content-Type", value: "application/json"),
                .init(name: "Cache-Control", value: "public, max-age=300"),
            ],
            body: Array(jwks.serialized.utf8)
        )
    }

    /// The answer at the authorization endpoint, which discovery lists because OpenID Connect requires
    /// one: codes come from ``issueCode(for:request:)`` for a verified Zendesk session, never from a
    /// browser redirect, so a redirect-based request gets `400 unsupported_response_type` saying so.
    public func authorizationEndpointResponse() -> OIDCResponse {
        Self.json(
            [
                "error": "unsupported_response_type",
                "error_description": "codes are issued by the AuthBridge code route to a verified Zendesk session, not by a browser redirect",
            ],
            status: 400
        )
    }

    static func json(_ value: JSONValue, status: Int, cacheControl: String = "no-store", extraHeaders: [OIDCResponse.Header] = []) -> OIDCResponse {
        var headers: [OIDCResponse.Header] = [
            .init(name: "Content-Type", value: "application/json"),
            .init(name: "Cache-Control", value: cacheControl),
        ]
        if cacheControl == "no-store" { headers.append(.init(name: "Pragma", value: "no-cache")) }
        return OIDCResponse(status: status, headers: headers + extraHeaders, body: Array(value.serialized.utf8))
    }
}
