internal import AuthBridgeJWT
import Foundation
internal import Hummingbird
import Synchronization

extension GenesysEmulatorBackend {
    /// `POST /oauth/token`: Basic client authentication and a form body, client-credentials grant only.
    func token(_ request: Request) async throws -> Response {
        let body = String(decoding: try await Self.body(request, limit: 16 << 10), as: UTF8.self)
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else {
            return self.oauthError(.badRequest, "invalid_request", "content type must be application/x-www-form-urlencoded")
        }
        let form = EmulatorForm.fields(body.utf8)
        guard form["grant_type"] == "client_credentials" else {
            return self.oauthError(.badRequest, "unsupported_grant_type", "grant type is not supported")
        }
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst("basic ".count)))
                .map({ String(decoding: $0, as: UTF8.self) }),
            let colon = decoded.firstIndex(of: ":")
        else {
            return self.oauthError(.unauthorized, "invalid_client", "client authentication is required")
        }
        let clientID = String(decoded[..<colon])
        let secret = String(decoded[decoded.index(after: colon)...])
        guard let client = self.configuration.clients.first(where: { $0.id == clientID }) else {
            return self.oauthError(.badRequest, "invalid_client", "client not found")
        }
        guard client.secret == secret else {
            return self.oauthError(.unauthorized, "invalid_client", "authentication failed")
        }
        let token = Self.newID() + Self.newID()
        let now = ContinuousClock.now
        self.state.withLock { state in
            state.tokens[token] = GenesysEmulatorState.IssuedToken(
                clientID: client.id,
                canSignData: client.canSignData,
                expiresAt: now + client.tokenLifetime,
                windowStart: now,
                windowCount: 0
            )
            state.issuedByClient[client.id, default: 0] += 1
        }
        return self.reply([
            "access_token": .string(token),
            "token_type": "bearer",
            "expires_in": .number(Double(client.tokenLifetime.components.seconds)),
        ])
    }

    /// The OAuth-style error body (`error`, `description`, `error_description`).
    func oauthError(_ status: HTTPResponse.Status, _ code: String, _ description: String) -> Response {
        self.reply(
            ["error": .string(code), "description": .string(description), "error_description": .string(description)],
            status: status
        )
    }

    /// `POST /api/v2/signeddata`: signs whatever JSON object it gets, for the member token.
    func signedData(_ request: Request) async throws -> Response {
        let issued: GenesysEmulatorState.IssuedToken
        switch self.authorize(request) {
        case .success(let token): issued = token
        case .failure(let response): return response
        }
        guard issued.canSignData else {
            return self.error(
                .forbidden,
                code: "missing.permissions",
                message: "Unable to perform the requested action. You are missing the following permission(s)."
            )
        }
        let bytes = try await Self.body(request, limit: self.configuration.maximumRequestBodySize)
        guard var claims = Self.jsonObject(bytes) else { return self.malformed() }
        let now = Date().timeIntervalSince1970.rounded(.down)
        claims["iss"] = .string("genesys-emulator/\(self.configuration.regionName)")
        claims["iat"] = .number(now)
        claims["exp"] = .number(now + 900)
        claims["org"] = .string(self.configuration.organizationID)
        return self.reply(["jwt": .string(try self.signer.sign(claims))])
    }
}
