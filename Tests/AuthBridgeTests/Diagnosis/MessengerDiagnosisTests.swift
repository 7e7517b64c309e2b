import AsyncHTTPClient
import AuthBridge
import AuthBridgeCore
import AuthBridgeTesting
import NIOHTTP1
import Testing

/// Messenger's `oauthcodegrantjwtexchange` against the emulator: deployment and integration checks.
@Suite struct MessengerDiagnosisTests {
    static let code = "one-time-code-value-0123456789"
    static let integrationSecret = "integration-client-secret-0123"

    private func exchange(
        _ emulator: GenesysEmulator,
        _ http: HTTPClient,
        deploymentID: String,
        origin: String = "https://shop.example.com"
    ) async throws -> PeerResponse {
        try await DiagnosisSupport.send(
            http,
            .POST,
            emulator.baseURL + "/api/v2/webdeployments/token/oauthcodegrantjwtexchange",
            headers: [("Content-Type", "application/json"), ("Origin", origin)],
            body: #"{"deploymentId":"\#(deploymentID)","oauth":{"code":"\#(Self.code)","redirectUri":"https://shop.example.com/chat"}}"#
        )
    }

    private func withEmulator(_ body: (GenesysEmulator, HTTPClient) async throws -> Void) async throws {
        let emulator = try await GenesysEmulator.start()
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await body(emulator, http)
        } catch {
            Issue.record("unexpected \(error)")
        }
        try? await http.shutdown()
        await emulator.stop()
    }

    private func integration(active: Bool = true, discovery: String = "http://127.0.0.1:1/.well-known/openid-configuration")
        -> GenesysEmulator.OpenIDIntegration
    {
        GenesysEmulator.OpenIDIntegration(
            discoveryURI: discovery, clientID: "genesys-messenger", clientSecret: Self.integrationSecret, isActive: active)
    }

    @Test func anInactiveDeploymentIsNamed() async throws {
        try await self.withEmulator { emulator, http in
            emulator.install(self.integration())
            emulator.deploy(.init(id: "dep-inactive", status: .inactive, allowAllDomains: true))
            let answer = try await self.exchange(emulator, http, deploymentID: "dep-inactive")
            let diagnosis = Diagnosis.diagnose(answer, at: .messengerExchange)
            #expect(diagnosis.cause == .deploymentNotActive)
            #expect(diagnosis.evidence.status == 403)
            #expect(diagnosis.evidence.peerCode == "deployment.not.active")
            #expect(diagnosis.evidence.correlationID != nil)
            #expect(diagnosis.remedy.contains("status is Active"))
            DiagnosisSupport.expectNoSecret(diagnosis, [Self.code, Self.integrationSecret])
        }
    }

    @Test func aForeignOriginIsNotAllowed() async throws {
        try await self.withEmulator { emulator, http in
            emulator.install(self.integration())
            emulator.deploy(.init(id: "dep-shop", allowedDomains: ["shop.example.com"]))
            let answer = try await self.exchange(emulator, http, deploymentID: "dep-shop", origin: "https://elsewhere.example.net")
            let diagnosis = Diagnosis.diagnose(answer, at: .messengerExchange)
            #expect(diagnosis.cause == .originNotAllowed)
            #expect(diagnosis.evidence.peerCode == "origin.not.allowed")
            #expect(diagnosis.remedy.contains("allowed domains"))
            DiagnosisSupport.expectNoSecret(diagnosis, [Self.code, Self.integrationSecret])
        }
    }

    @Test func anInactiveIntegrationAndAnUnknownDeploymentAreNamed() async throws {
        try await self.withEmulator { emulator, http in
            emulator.install(self.integration(active: false))
            emulator.deploy(.init(id: "dep-shop", allowAllDomains: true))
            let inactive = Diagnosis.diagnose(try await self.exchange(emulator, http, deploymentID: "dep-shop"), at: .messengerExchange)
            #expect(inactive.cause == .integrationNotActive)
            #expect(inactive.remedy.contains("Active"))
            let unknown = Diagnosis.diagnose(try await self.exchange(emulator, http, deploymentID: "no-such-deployment"), at: .messengerExchange)
            #expect(unknown.cause == .deploymentNotFound)
            #expect(unknown.evidence.status == 404)
            #expect(unknown.remedy.contains("deployment id"))
            DiagnosisSupport.expectNoSecret(inactive, [Self.code, Self.integrationSecret])
            DiagnosisSupport.expectNoSecret(unknown, [Self.code, Self.integrationSecret])
        }
    }

    @Test func anUnreachableProviderIsNamed() async throws {
        try await self.withEmulator { emulator, http in
            emulator.install(self.integration())
            emulator.deploy(.init(id: "dep-shop", allowAllDomains: true))
            let diagnosis = Diagnosis.diagnose(try await self.exchange(emulator, http, deploymentID: "dep-shop"), at: .messengerExchange)
            #expect(diagnosis.cause == .identityProviderUnavailable)
            #expect(diagnosis.evidence.status == 502)
            #expect(diagnosis.remedy.contains("Discovery URI"))
            DiagnosisSupport.expectNoSecret(diagnosis, [Self.code, Self.integrationSecret])
        }
    }

    @Test func anUnknownRefreshTokenIsNamed() async throws {
        try await self.withEmulator { emulator, http in
            emulator.install(self.integration())
            emulator.deploy(.init(id: "dep-shop", allowAllDomains: true))
            let refreshToken = "messenger-refresh-token-never-issued-0123"
            let answer = try await DiagnosisSupport.send(
                http,
                .POST,
                emulator.baseURL + "/api/v2/webdeployments/token/refresh",
                headers: [("Content-Type", "application/json"), ("Origin", "https://shop.example.com")],
                body: #"{"deploymentId":"dep-shop","refreshToken":"\#(refreshToken)"}"#
            )
            let diagnosis = Diagnosis.diagnose(answer, at: .messengerExchange)
            #expect(diagnosis.cause == .authorizationCodeRejected)
            #expect(diagnosis.evidence.status == 401)
            #expect(diagnosis.evidence.peerCode == "authentication.failed")
            #expect(diagnosis.explanation.contains("refresh token"))
            #expect(diagnosis.remedy.contains("reAuthenticate"))
            DiagnosisSupport.expectNoSecret(diagnosis, [refreshToken, Self.integrationSecret])
        }
    }
}
