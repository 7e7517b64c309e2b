internal import AsyncHTTPClient
internal import AuthBridgeCore
internal import AuthBridgeJWT
import Foundation
internal import NIOCore
internal import NIOHTTP1

/// Genesys's backend as an OpenID Connect relying party: it reads the provider's discovery document and
/// JWKS over HTTP, redeems codes and refresh tokens at its token endpoint, and verifies the ID tokens.
struct GenesysEmulatorRelyingParty: Sendable {
    /// Why the provider's answer was not good enough; `reason` names the check, never a secret.
    struct Failure: Error, Sendable {
        enum Stage: Sendable { case discovery, tokenEndpoint, idToken }
        let stage: Stage
        let reason: String
    }

    /// What a successful grant gave: the ID token's claims and the provider's refresh token.
    struct Grant: Sendable {
        let claims: JSONObject
        let refreshToken: String?
        let accessTokenLifetime: Double?
    }

    private struct Metadata {
        let issuer: String
        let tokenEndpoint: String
        let jwksURI: String
        let authMethods: [String]
    }

    let integration: GenesysEmulator.OpenIDIntegration
    private static let responseLimit = 256 << 10
    private static let timeout = TimeAmount.seconds(5)

    /// Redeems an authorization code (RFC 6749 §4.1.3) and verifies the ID token against `nonce`.
    func redeem(code: String, redirectURI: String, codeVerifier: String?, nonce: String?) async throws(Failure) -> Grant {
        var form = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI)]
        if let codeVerifier { form.append(("code_verifier", codeVerifier)) }
        return try await self.grant(form, nonce: nonce, requireIDToken: true)
    }

    /// Re-checks the session with the provider's refresh token (RFC 6749 §6).
    func refresh(_ refreshToken: String) async throws(Failure) -> Grant {
        try await self.grant([("grant_type", "refresh_token"), ("refresh_token", refreshToken)], nonce: nil, requireIDToken: false)
    }

    private func grant(_ parameters: [(String, String)], nonce: String?, requireIDToken: Bool) async throws(Failure) -> Grant {
        let metadata = try await self.metadata()
        var parameters = parameters
        var headers = HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")])
        if metadata.authMethods.contains("client_secret_basic") || metadata.authMethods.isEmpty {
            let pair = Self.formEncode(self.integration.clientID) + ":" + Self.formEncode(self.integration.clientSecret)
            headers.add(name: "Authorization", value: "Basic " + Data(pair.utf8).base64EncodedString())
        } else {
            parameters.append(("client_id", self.integration.clientID))
            parameters.append(("client_secret", self.integration.clientSecret))
        }
        let body = parameters.map { Self.formEncode($0.0) + "=" + Self.formEncode($0.1) }.joined(separator: "&")
        let (status, bytes) = try await Self.send(
            metadata.tokenEndpoint, method: .POST, headers: headers, body: Array(body.utf8), stage: .tokenEndpoint)
        guard let object = Self.object(bytes) else {
            throw Failure(stage: .tokenEndpoint, reason: "the token endpoint answered \(status) without a JSON object")
        }
        guard status == 200 else {
            // The provider's RFC 6749 error code is safe to repeat; its description might not be.
            let code = object["error"]?.stringValue.map { String($0.prefix(64)) } ?? "no error code"
            throw Failure(stage: .tokenEndpoint, reason: "the token endpoint answered \(status) \(code)")
        }
        guard object["token_type"]?.stringValue?.lowercased() == "bearer" else {
            throw Failure(stage: .tokenEndpoint, reason: "the token response is not a bearer token response")
        }
        let refreshToken = object["refresh_token"]?.stringValue
        let lifetime = object["expires_in"]?.numberValue
        guard let idToken = object["id_token"]?.stringValue else {
            if requireIDToken { throw Failure(stage: .idToken, reason: "the token response has no id_token") }
            return Grant(claims: [:], refreshToken: refreshToken, accessTokenLifetime: lifetime)
        }
        let claims = try await self.verifyIDToken(idToken, metadata: metadata, nonce: nonce)
        return Grant(claims: claims, refreshToken: refreshToken, accessTokenLifetime: lifetime)
    }

    /// OpenID Connect Core §3.1.3.7: signature by a published key, `iss`, `aud`, `exp`, `iat`, `nonce`.
    private func verifyIDToken(_ token: String, metadata: Metadata, nonce: String?) async throws(Failure) -> JSONObject {
        let (status, bytes) = try await Self.send(metadata.jwksURI, method: .GET, headers: [:], body: nil, stage: .discovery)
        guard status == 200, let jwks = try? JWKSet(json: String(decoding: bytes, as: UTF8.self)),
            let keys = try? JWTKeyCollection(jwks: jwks)
        else { throw Failure(stage: .discovery, reason: "the JWKS could not be read (status \(status))") }
        let verifier = JWTVerifier(
            keys: keys,
            options: JWTValidationOptions(
                leeway: .seconds(60),
                issuer: metadata.issuer,
                audience: self.integration.clientID,
                requiredClaims: ["iss", "sub", "aud", "exp", "iat"],
                allowedAlgorithms: [.rs256, .rs384, .rs512, .ps256, .es256, .es384]
            )
        )
        let verified: VerifiedJWT
        do {
            verified = try verifier.verify(token)
        } catch {
            throw Failure(stage: .idToken, reason: "the ID token was refused: \(error.code)")
        }
        let claims = verified.claims.members
        if let audiences = claims["aud"]?.arrayValue, audiences.count > 1, claims["azp"]?.stringValue != self.integration.clientID {
            throw Failure(stage: .idToken, reason: "the ID token has several audiences and no matching azp")
        }
        if let nonce, claims["nonce"]?.stringValue != nonce {
            throw Failure(stage: .idToken, reason: "the ID token's nonce does not match")
        }
        return claims
    }

    private func metadata() async throws(Failure) -> Metadata {
        let (status, bytes) = try await Self.send(self.integration.discoveryURI, method: .GET, headers: [:], body: nil, stage: .discovery)
        guard status == 200, let object = Self.object(bytes), let issuer = object["issuer"]?.stringValue,
            let tokenEndpoint = object["token_endpoint"]?.stringValue, let jwksURI = object["jwks_uri"]?.stringValue
        else { throw Failure(stage: .discovery, reason: "the discovery document could not be read (status \(status))") }
        let methods = object["token_endpoint_auth_methods_supported"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return Metadata(issuer: issuer, tokenEndpoint: tokenEndpoint, jwksURI: jwksURI, authMethods: methods)
    }

    private static func send(
        _ url: String,
        method: HTTPMethod,
        headers: HTTPHeaders,
        body: [UInt8]?,
        stage: Failure.Stage
    ) async throws(Failure) -> (Int, [UInt8]) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers = headers
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: Self.timeout)
            let buffer = try await response.body.collect(upTo: Self.responseLimit)
            return (Int(response.status.code), Array(buffer: buffer))
        } catch {
            throw Failure(stage: stage, reason: "the provider could not be reached at \(Self.withoutQuery(url))")
        }
    }

    private static func object(_ bytes: [UInt8]) -> JSONObject? {
        (try? JSONValue(parsing: String(decoding: bytes, as: UTF8.self)))?.objectValue
    }

    /// Form values with only unreserved bytes left as they are, which every form decoder reads back.
    private static func formEncode(_ text: String) -> String { PathSegment.escaped(text) }

    private static func withoutQuery(_ url: String) -> Substring { url.prefix { $0 != "?" } }
}
