internal import AuthBridgeJWT
import Foundation
internal import Hummingbird
import Synchronization

extension GenesysEmulatorBackend {
    /// Genesys's JWT for the page lives at most 15 minutes, or the provider's access-token age if shorter.
    static let messengerJWTLifetime: Double = 900
    /// Genesys's own refresh token lives 24 hours (or the integration's maximum if shorter).
    static let messengerRefreshLifetime: Duration = .seconds(86_400)

    /// `POST /api/v2/webdeployments/token/oauthcodegrantjwtexchange`: redeem the page's code at the
    /// provider, verify the ID token, and answer `{jwt, refreshToken}`.
    func messengerExchange(_ request: Request) async throws -> Response {
        let bytes = try await Self.body(request, limit: 16 << 10)
        guard let body = Self.jsonObject(bytes) else { return self.malformed() }
        guard let deploymentID = body["deploymentId"]?.stringValue, let oauth = body["oauth"]?.objectValue,
            let code = oauth["code"]?.stringValue, !code.isEmpty, let redirectURI = oauth["redirectUri"]?.stringValue
        else {
            return self.error(.badRequest, code: "missing.parameter", message: "deploymentId, oauth.code and oauth.redirectUri are required")
        }
        let verifier = oauth["codeVerifier"]?.stringValue
        if let verifier, !(43...128).contains(verifier.utf8.count) {
            return self.error(.badRequest, code: "invalid.value", message: "oauth.codeVerifier must be 43 to 128 characters (RFC 7636)")
        }
        let integration: GenesysEmulator.OpenIDIntegration
        switch self.messengerIntegration(deploymentID: deploymentID, origin: request.headers[.origin]) {
        case .success(let found): integration = found
        case .failure(let response): return response
        }
        let party = GenesysEmulatorRelyingParty(integration: integration)
        let grant: GenesysEmulatorRelyingParty.Grant
        do {
            grant = try await party.redeem(code: code, redirectURI: redirectURI, codeVerifier: verifier, nonce: oauth["nonce"]?.stringValue)
        } catch {
            return self.relyingPartyError(error)
        }
        let session = GenesysEmulatorState.MessengerSession(
            id: Self.newID(),
            deploymentID: deploymentID,
            integrationID: integration.id,
            claims: grant.claims,
            providerRefreshToken: grant.refreshToken,
            refreshToken: Self.newID() + Self.newID(),
            refreshExpiresAt: ContinuousClock.now + min(Self.messengerRefreshLifetime, integration.maximumRefreshTokenLifetime)
        )
        self.state.withLock { state in
            state.messengerSessions[session.id] = session
            state.messengerSessionOrder.append(session.id)
            state.messengerRefreshTokens[session.refreshToken] = session.id
        }
        return self.reply([
            "jwt": .string(try self.messengerJWT(for: session, providerLifetime: grant.accessTokenLifetime)),
            "refreshToken": .string(session.refreshToken),
        ])
    }

    /// `POST /api/v2/webdeployments/token/refresh`: a new JWT for a live session, after the provider
    /// confirmed the session with its refresh token; answers `SignedData` (`{jwt}`), as the definition says.
    func messengerRefresh(_ request: Request) async throws -> Response {
        let bytes = try await Self.body(request, limit: 16 << 10)
        guard let body = Self.jsonObject(bytes) else { return self.malformed() }
        guard let deploymentID = body["deploymentId"]?.stringValue, let refreshToken = body["refreshToken"]?.stringValue else {
            return self.error(.badRequest, code: "missing.parameter", message: "refreshToken and deploymentId are required")
        }
        let integration: GenesysEmulator.OpenIDIntegration
        switch self.messengerIntegration(deploymentID: deploymentID, origin: request.headers[.origin]) {
        case .success(let found): integration = found
        case .failure(let response): return response
        }
        enum Claim { case refused, busy, claimed(GenesysEmulatorState.MessengerSession) }
        let now = ContinuousClock.now
        let claim: Claim = self.state.withLock { state in
            guard let id = state.messengerRefreshTokens[refreshToken], var session = state.messengerSessions[id],
                session.deploymentID == deploymentID, !session.hasEnded, session.refreshExpiresAt > now
            else { return .refused }
            guard !session.isRefreshing else { return .busy }
            session.isRefreshing = true
            state.messengerSessions[id] = session
            return .claimed(session)
        }
        let session: GenesysEmulatorState.MessengerSession
        switch claim {
        case .refused:
            return self.error(.unauthorized, code: "authentication.failed", message: "The refresh token is invalid, expired or revoked")
        case .busy:
            return self.error(.conflict, code: "refresh.in.progress", message: "A refresh of this session is already in progress")
        case .claimed(let claimed):
            session = claimed
        }
        var renewedLifetime: Double? = nil
        var renewedRefreshToken = session.providerRefreshToken
        var failure: GenesysEmulatorRelyingParty.Failure? = nil
        if let providerToken = session.providerRefreshToken {
            do {
                let grant = try await GenesysEmulatorRelyingParty(integration: integration).refresh(providerToken)
                renewedLifetime = grant.accessTokenLifetime
                renewedRefreshToken = grant.refreshToken ?? providerToken
            } catch {
                failure = error
            }
        }
        let updated: GenesysEmulatorState.MessengerSession? = self.state.withLock { state in
            guard var stored = state.messengerSessions[session.id] else { return nil }
            stored.isRefreshing = false
            if let failure {
                // The provider refused the session; an unreachable provider ends nothing.
                if failure.stage != .discovery { stored.hasEnded = true }
            } else {
                stored.providerRefreshToken = renewedRefreshToken
                stored.refreshCount += 1
            }
            state.messengerSessions[session.id] = stored
            return stored.hasEnded || failure != nil ? nil : stored
        }
        if let failure { return self.relyingPartyError(failure) }
        guard let updated else {
            return self.error(.unauthorized, code: "authentication.failed", message: "The session was revoked")
        }
        // `SignedData`: only the new JWT; the refresh token stays the same.
        return self.reply(["jwt": .string(try self.messengerJWT(for: updated, providerLifetime: renewedLifetime))])
    }

    /// `DELETE /api/v2/webdeployments/token/revoke`: ends the session of the bearer JWT.
    func messengerRevoke(_ request: Request) -> Response {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer "),
            let verified = try? self.verifier.verify(String(header.dropFirst("bearer ".count))),
            let sessionID = verified.claims.members["sid"]?.stringValue
        else {
            return self.error(.unauthorized, code: "bad.credentials", message: "Invalid login credentials.")
        }
        let deploymentID = verified.claims.members["deploymentId"]?.stringValue ?? ""
        if case .failure(let response) = self.messengerIntegration(deploymentID: deploymentID, origin: request.headers[.origin]) {
            return response
        }
        self.state.withLock { state in state.messengerSessions[sessionID]?.hasEnded = true }
        var headers = HTTPFields()
        if let name = Self.correlationHeader { headers[name] = Self.newID() }
        return Response(status: .noContent, headers: headers)
    }

    // MARK: - CORS

    /// Whether some deployment's allowed domains admit `origin` (a preflight carries no deployment id).
    private func anyDeploymentAllows(_ origin: String) -> Bool {
        self.state.withLock { state in state.deployments.values.contains { $0.allows(origin: origin) } }
    }

    /// `response` with `Access-Control-Allow-Origin` for an allowed page origin, as Genesys adds
    /// `allowedDomains` to its CORS headers.
    func withCORS(_ request: Request, _ response: Response) -> Response {
        guard let origin = request.headers[.origin], self.anyDeploymentAllows(origin) else { return response }
        var response = response
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.vary] = "Origin"
        return response
    }

    /// `OPTIONS` on the Messenger token paths: 204 with the methods and headers the browser may send, or
    /// 403 for an origin no deployment allows.
    func messengerPreflight(_ request: Request) -> Response {
        guard let origin = request.headers[.origin], self.anyDeploymentAllows(origin) else {
            return self.error(.forbidden, code: "origin.not.allowed", message: "The origin is not in any deployment's allowed domains")
        }
        var headers = HTTPFields()
        headers[.accessControlAllowOrigin] = origin
        headers[.accessControlAllowMethods] = "POST, DELETE, OPTIONS"
        headers[.accessControlAllowHeaders] = "Authorization, Content-Type"
        headers[.accessControlMaxAge] = "600"
        headers[.vary] = "Origin"
        return Response(status: .noContent, headers: headers)
    }

    // MARK: - Checks

    /// The deployment must exist, be Active, allow the page's origin and name an Active integration.
    private func messengerIntegration(deploymentID: String, origin: String?) -> GenesysEmulatorCheck<GenesysEmulator.OpenIDIntegration> {
        let (deployment, integrations) = self.state.withLock { ($0.deployments[deploymentID], $0.integrations) }
        guard let deployment else {
            return .failure(self.error(.notFound, code: "not.found", message: "The deployment \(deploymentID.prefix(64)) was not found"))
        }
        guard deployment.status == .active else {
            return .failure(
                self.error(.forbidden, code: "deployment.not.active", message: "The deployment is \(deployment.status.rawValue), not Active")
            )
        }
        guard deployment.allows(origin: origin) else {
            let shown = origin.map { String($0.prefix(128)) } ?? "none"
            return .failure(
                self.error(.forbidden, code: "origin.not.allowed", message: "The origin \(shown) is not in the deployment's allowed domains")
            )
        }
        guard let integrationID = deployment.authenticationIntegrationID, let integration = integrations[integrationID] else {
            return .failure(
                self.error(.badRequest, code: "authentication.not.configured", message: "The deployment has no authentication integration")
            )
        }
        guard integration.isActive else {
            return .failure(self.error(.forbidden, code: "integration.not.active", message: "The authentication integration is not Active"))
        }
        return .success(integration)
    }

    private func relyingPartyError(_ failure: GenesysEmulatorRelyingParty.Failure) -> Response {
        switch failure.stage {
        case .discovery:
            return self.error(.badGateway, code: "identity.provider.unavailable", message: failure.reason)
        case .tokenEndpoint, .idToken:
            return self.error(.unauthorized, code: "authentication.failed", message: failure.reason)
        }
    }

    private func messengerJWT(for session: GenesysEmulatorState.MessengerSession, providerLifetime: Double?) throws -> String {
        let now = Date().timeIntervalSince1970.rounded(.down)
        let lifetime = min(Self.messengerJWTLifetime, max(providerLifetime ?? Self.messengerJWTLifetime, 1))
        var claims: JSONObject = [
            "iss": .string("genesys-emulator/\(self.configuration.regionName)"),
            "sid": .string(session.id),
            "deploymentId": .string(session.deploymentID),
            "iat": .number(now),
            "exp": .number(now + lifetime.rounded(.down)),
        ]
        if let subject = session.claims["sub"] { claims["sub"] = subject }
        return try self.signer.sign(claims)
    }
}
