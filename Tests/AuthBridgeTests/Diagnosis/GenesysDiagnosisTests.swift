import AsyncHTTPClient
import AuthBridge
import AuthBridgeCore
import AuthBridgeGenesys
import AuthBridgeTesting
import Foundation
import NIOHTTP1
import Testing

/// Genesys failures induced in the emulator over loopback, turned into diagnoses.
@Suite struct GenesysDiagnosisTests {
    static let clientID = "emulator-client"
    static let clientSecret = "emulator-secret"
    static let session = VerifiedSession(subject: "customer-42", name: "Ada", credentialKind: .messagingJWT)

    /// An emulator, a provider, a broker and a client for one region, torn down after `body`.
    private func withGenesys(
        _ configuration: GenesysEmulator.Configuration = .init(legacyWebChat: true),
        region: ((GenesysEmulator) throws -> GenesysRegion)? = nil,
        clientID: String? = nil,
        clientSecret: String = clientSecret,
        _ body: (GenesysEmulator, GenesysCloudClient, GenesysTokenProvider, GenesysCredentials, HTTPClient) async throws -> Void
    ) async throws {
        let emulator = try await GenesysEmulator.start(configuration)
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
        let credentials = GenesysCredentials(
            clientID: clientID ?? configuration.clients[0].id,
            clientSecret: Secret(clientSecret),
            region: try region?(emulator) ?? GenesysRegion.custom(baseURL: emulator.baseURL)
        )
        let policy = GenesysHTTPPolicy(
            requestTimeout: .seconds(5),
            retry: .init(maximumAttempts: 2, initialBackoff: .milliseconds(10), maximumBackoff: .milliseconds(20))
        )
        let provider = GenesysTokenProvider(httpClient: httpClient, credentials: [credentials], policy: policy, logger: DiagnosisSupport.logger)
        let broker = TokenBroker(
            provider: provider,
            configuration: .init(name: "genesys", retry: .init(maximumAttempts: 1)),
            logger: DiagnosisSupport.logger
        )
        let genesys = GenesysCloudClient(
            httpClient: httpClient,
            serviceToken: broker.handle(for: credentials.client),
            configuration: .init(http: policy),
            logger: DiagnosisSupport.logger
        )
        do {
            try await body(emulator, genesys, provider, credentials, httpClient)
        } catch {
            Issue.record("unexpected \(error)")
        }
        await broker.shutdown()
        try? await httpClient.shutdown()
        await emulator.stop()
    }

    @Test func aTokenFromAnotherRegionIsWrongRegion() async throws {
        let east = try await GenesysEmulator.start(.init(regionName: "us_east_1", legacyWebChat: true))
        // Login host of one region, API host of another.
        let mixed: (GenesysEmulator) throws -> GenesysRegion = { west in
            try GenesysRegion.custom(loginBaseURL: east.baseURL, apiBaseURL: west.baseURL)
        }
        try await self.withGenesys(.init(regionName: "eu_west_1", legacyWebChat: true), region: mixed) { west, genesys, _, credentials, _ in
            let error = try #require(await DiagnosisSupport.failure { _ = try await genesys.memberToken(for: Self.session) })
            // Without the configuration at hand: a fresh token refused by the API host.
            let plain = Diagnosis.diagnose(error, at: .signedData)
            #expect(plain.cause == .wrongRegion)
            #expect(plain.evidence.status == 401)
            #expect(plain.evidence.peerCode == "bad.credentials")
            #expect(plain.evidence.correlationID != nil)
            #expect(plain.remedy.contains("same region"))
            // With the configured region: the hosts themselves disagree.
            let configured = Diagnosis.diagnose(error, at: .signedData, context: .init(region: credentials.client.region))
            #expect(configured.cause == .wrongRegion)
            #expect(configured.explanation.contains("different regions"))
            #expect(configured.remedy.contains("same region"))
            DiagnosisSupport.expectNoSecret(plain, [Self.clientSecret])
            DiagnosisSupport.expectNoSecret(configured, [Self.clientSecret])
            #expect(west.tokensIssued == 0)
        }
        await east.stop()
    }

    @Test func a429IsRateLimitedWithRetryAfterNotUnauthorized() async throws {
        try await self.withGenesys(.init(rateLimitPerToken: 1, rateLimitWindow: .seconds(60), legacyWebChat: true)) { _, genesys, _, _, _ in
            _ = try await genesys.memberToken(for: Self.session)
            let error = try #require(await DiagnosisSupport.failure { _ = try await genesys.memberToken(for: Self.session) })
            let diagnosis = Diagnosis.diagnose(error, at: .signedData)
            #expect(diagnosis.cause == .rateLimited)
            #expect(diagnosis.evidence.status == 429)
            #expect((diagnosis.evidence.retryAfterSeconds ?? 0) > 50)
            #expect(diagnosis.explanation.contains("Retry-After"))
            #expect(diagnosis.remedy.contains("wait for Retry-After"))
            #expect(diagnosis.remedy.contains("Do not treat this as an authentication failure"))
            DiagnosisSupport.expectNoSecret(diagnosis, [Self.clientSecret])
        }
    }

    @Test func aPlatformTokenHandedToTheGuestWidgetIsNamed() async throws {
        try await self.withGenesys { _, genesys, provider, credentials, _ in
            let platform = try await provider.fetchToken(for: credentials.client)
            let request = GenesysGuestChatRequest(
                organizationID: "emulated-org",
                deploymentID: "emulated-deployment",
                routingTarget: GenesysRoutingTarget(queueName: "Support"),
                session: Self.session,
                authentication: .memberToken(GenesysMemberToken(jwt: platform.value))
            )
            let error = try #require(await DiagnosisSupport.failure { _ = try await genesys.createGuestConversation(request) })
            let diagnosis = Diagnosis.diagnose(error, at: .guestChatCreate, token: platform.value)
            #expect(diagnosis.cause == .platformTokenInWidget)
            #expect(diagnosis.evidence.status == 401)
            #expect(diagnosis.evidence.tokenShape?.hasPrefix("opaque") == true)
            #expect(diagnosis.remedy.contains("Never hand the platform access token"))
            #expect(diagnosis.remedy.contains("signeddata"))
            DiagnosisSupport.expectNoSecret(diagnosis, [platform.value.revealed, Self.clientSecret])
        }
    }

    @Test func anAnonymousGuestChatOnAnAuthenticatedDeploymentNeedsTheMemberToken() async throws {
        try await self.withGenesys(.init(requiresMemberAuthentication: true, legacyWebChat: true)) { _, genesys, _, _, _ in
            let request = GenesysGuestChatRequest(
                organizationID: "emulated-org",
                deploymentID: "emulated-deployment",
                routingTarget: GenesysRoutingTarget(queueName: "Support"),
                session: Self.session
            )
            let error = try #require(await DiagnosisSupport.failure { _ = try await genesys.createGuestConversation(request) })
            let diagnosis = Diagnosis.diagnose(error, at: .guestChatCreate)
            #expect(diagnosis.cause == .tokenRejected)
            #expect(diagnosis.evidence.peerCode == "authentication.required")
            #expect(diagnosis.explanation.contains("requires an authenticated member"))
            #expect(diagnosis.remedy.contains("memberAuthToken"))
            DiagnosisSupport.expectNoSecret(diagnosis, [Self.clientSecret])
        }
    }

    @Test func clientCredentialsInTheBodyOrBadBasicAreTheSecretSentTheWrongWay() async throws {
        try await self.withGenesys { emulator, _, _, _, http in
            let inBody = try await DiagnosisSupport.send(
                http,
                .POST,
                emulator.baseURL + "/oauth/token",
                headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: "grant_type=client_credentials&client_id=\(Self.clientID)&client_secret=\(Self.clientSecret)"
            )
            #expect(inBody.status == 401)
            let rawBasic = try await DiagnosisSupport.send(
                http,
                .POST,
                emulator.baseURL + "/oauth/token",
                headers: [
                    ("Content-Type", "application/x-www-form-urlencoded"),
                    ("Authorization", "Basic \(Self.clientID):\(Self.clientSecret)"),
                ],
                body: "grant_type=client_credentials"
            )
            for answer in [inBody, rawBasic] {
                let diagnosis = Diagnosis.diagnose(answer, at: .genesysToken)
                #expect(diagnosis.cause == .secretSentWrongWay)
                #expect(diagnosis.evidence.peerCode == "invalid_client")
                #expect(diagnosis.remedy.contains("Authorization: Basic"))
                #expect(diagnosis.remedy.contains("standard base64"))
                DiagnosisSupport.expectNoSecret(diagnosis, [Self.clientSecret])
            }
        }
    }

    @Test func aWrongSecretThroughTheBrokerIsRejectedCredentials() async throws {
        try await self.withGenesys(clientSecret: "not-the-secret-0123") { _, genesys, _, _, _ in
            let error = try #require(await DiagnosisSupport.failure { _ = try await genesys.memberToken(for: Self.session) })
            let diagnosis = Diagnosis.diagnose(error, at: .genesysToken)
            #expect(diagnosis.cause == .clientCredentialsRejected)
            #expect(diagnosis.explanation.contains("refused the client secret"))
            #expect(diagnosis.remedy.contains("Copy the client secret again"))
            DiagnosisSupport.expectNoSecret(diagnosis, ["not-the-secret-0123", Self.clientSecret])
        }
    }

    @Test func aClientIDFromAnotherRegionIsUnknownHere() async throws {
        try await self.withGenesys(clientID: "client-made-in-eu-west-1") { _, genesys, _, _, _ in
            let error = try #require(await DiagnosisSupport.failure { _ = try await genesys.memberToken(for: Self.session) })
            let diagnosis = Diagnosis.diagnose(error, at: .genesysToken)
            #expect(diagnosis.cause == .clientCredentialsRejected)
            #expect(diagnosis.evidence.peerCode == "invalid_client")
            #expect(diagnosis.explanation.contains("another region"))
            #expect(diagnosis.remedy.contains("created in the configured region"))
            DiagnosisSupport.expectNoSecret(diagnosis, [Self.clientSecret])
        }
    }

    @Test func aRevokedTokenUsedByHandIsRefused() async throws {
        try await self.withGenesys { emulator, _, provider, credentials, http in
            let token = try await provider.fetchToken(for: credentials.client)
            emulator.revokeAllTokens()
            let answer = try await DiagnosisSupport.send(
                http,
                .POST,
                emulator.baseURL + "/api/v2/signeddata",
                headers: [("Authorization", "Bearer \(token.value.revealed)"), ("Content-Type", "application/json")],
                body: #"{"authorized":true}"#
            )
            let diagnosis = Diagnosis.diagnose(answer, at: .signedData, token: token.value)
            #expect(diagnosis.cause == .tokenRejected)
            #expect(diagnosis.evidence.peerCode == "bad.credentials")
            #expect(diagnosis.evidence.correlationID != nil)
            #expect(diagnosis.evidence.contextID == diagnosis.evidence.correlationID)
            #expect(diagnosis.remedy.contains("Fetch a new token"))
            DiagnosisSupport.expectNoSecret(diagnosis, [token.value.revealed, Self.clientSecret])
        }
    }

    @Test func signedDataWithoutTheRoleIsAMissingPermissionAndWebchatInteractionIsNoScope() async throws {
        let client = GenesysEmulator.Client(id: Self.clientID, secret: Self.clientSecret, canSignData: false)
        try await self.withGenesys(.init(clients: [client], legacyWebChat: true)) { _, genesys, _, _, _ in
            let error = try #require(await DiagnosisSupport.failure { _ = try await genesys.memberToken(for: Self.session) })
            let plain = Diagnosis.diagnose(error, at: .signedData)
            #expect(plain.cause == .missingPermission)
            #expect(plain.evidence.status == 403)
            #expect(plain.evidence.peerCode == "missing.permissions")
            #expect(plain.remedy.contains("signature permission"))
            // The operator "fixed" it with a scope that does not exist.
            let scoped = Diagnosis.diagnose(error, at: .signedData, context: .init(scopes: ["webchat:interaction"]))
            #expect(scoped.cause == .nonexistentScope)
            #expect(scoped.explanation.contains("webchat:interaction does not exist"))
            #expect(scoped.remedy.contains("signature permission"))
            DiagnosisSupport.expectNoSecret(plain, [Self.clientSecret])
            DiagnosisSupport.expectNoSecret(scoped, [Self.clientSecret])
        }
    }

    @Test func aRetiredWebChatPathIsDiagnosedAsRetired() async throws {
        // The emulator's default: the retired APIs answer 404 as removed ones do.
        try await self.withGenesys(.init()) { _, genesys, _, _, _ in
            do {
                _ = try await genesys.memberToken(for: Self.session)
                Issue.record("signed data answered")
            } catch let error as GenesysError {
                #expect(error.code == .retiredAPI)
                #expect(error.status == 404)
                let diagnosis = Diagnosis.diagnose(error, at: .signedData)
                #expect(diagnosis.cause == .retiredAPI)
                #expect(diagnosis.explanation.contains("ACD web chat v2"))
                #expect(diagnosis.explanation.contains("deprecation-removal-of-acd-web-chat-version-2"))
                #expect(diagnosis.remedy.contains("Web Messaging"))
            }
            do {
                _ = try await genesys.createGuestConversation(
                    GenesysGuestChatRequest(
                        organizationID: "emulated-org",
                        deploymentID: "emulated-deployment",
                        routingTarget: GenesysRoutingTarget(queueName: "Support"),
                        session: Self.session
                    )
                )
                Issue.record("guest chat answered")
            } catch let error as GenesysError {
                #expect(error.code == .retiredAPI)
                #expect(Diagnosis.diagnose(error, at: .guestChatCreate).cause == .retiredAPI)
            }
            // A 404 elsewhere stays a plain not-found.
            await #expect(throws: GenesysError.self) { _ = try await genesys.customerParticipantID(conversationID: "missing") }
            do {
                _ = try await genesys.customerParticipantID(conversationID: "missing")
            } catch let error as GenesysError {
                #expect(error.code == .notFound)
            }
        }
    }
}
