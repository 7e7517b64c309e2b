internal import AuthBridgeJWT
import Synchronization

extension GenesysEmulator {
    /// Installs (or replaces) an "OpenID Connect Messenger Configuration" integration.
    ///
    /// With it, and a deployment that names it, the emulator answers Messenger's sign-in calls as
    /// Genesys's backend does: `POST /api/v2/webdeployments/token/oauthcodegrantjwtexchange` reads the
    /// provider's discovery document and JWKS over HTTP, redeems the page's code at the provider's token
    /// endpoint with the client id and secret (Basic, or the body when discovery lists only
    /// `client_secret_post`), verifies the ID token (signature by a published key, `iss`, `aud`, `exp`,
    /// `iat`, `nonce`) and answers `{jwt, refreshToken}`; `POST …/token/refresh` re-checks the session
    /// with the provider's refresh token on every call; `DELETE …/token/revoke` ends the session of its
    /// bearer JWT.
    ///
    /// Where Genesys's behaviour is unconfirmed the emulator is strict and says so: error `code`s
    /// (`not.found`, `deployment.not.active`, `origin.not.allowed`, `integration.not.active`,
    /// `authentication.failed` with the provider's OAuth error code or the failed ID-token check in the
    /// message, `identity.provider.unavailable`, `409 refresh.in.progress` for a second concurrent refresh
    /// of one session), a request without `Origin` refused unless the deployment allows all domains, and a
    /// provider re-check on every refresh when the provider issued a refresh token (without one, Genesys
    /// has nothing to re-check with and refreshes until its own refresh token expires).
    /// - Parameter integration: The integration.
    public func install(_ integration: OpenIDIntegration) {
        self.backend.state.withLock { $0.integrations[integration.id] = integration }
    }

    /// Creates or replaces a Messenger deployment (for example to set it Inactive mid-test).
    /// - Parameter deployment: The deployment.
    public func deploy(_ deployment: MessengerDeployment) {
        self.backend.state.withLock { $0.deployments[deployment.id] = deployment }
    }

    /// The authenticated Messenger sessions, in sign-in order.
    public var messengerSessions: [GenesysEmulatorMessengerSession] {
        self.backend.state.withLock { state in
            state.messengerSessionOrder.compactMap { id in
                state.messengerSessions[id].map { session in
                    GenesysEmulatorMessengerSession(
                        id: session.id,
                        deploymentID: session.deploymentID,
                        identityClaimsJSON: JSONValue.object(session.claims).serialized,
                        subject: session.claims["sub"]?.stringValue ?? "",
                        refreshCount: session.refreshCount,
                        hasEnded: session.hasEnded
                    )
                }
            }
        }
    }
}
