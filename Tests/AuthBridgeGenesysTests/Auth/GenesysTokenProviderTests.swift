import AsyncHTTPClient
import AuthBridgeCore
import AuthBridgeGenesys
import AuthBridgeTestSupport
import AuthBridgeTesting
import Hummingbird
import Logging
import Testing

@Suite struct GenesysTokenProviderTests {
    @Test func oneTokenServesManyCallsAndTheRequestIsTheRealShape() async throws {
        try await GenesysFixture.with { fixture in
            let session = VerifiedSession(subject: "user-1", credentialKind: .messagingJWT)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<40 {
                    group.addTask { _ = try await fixture.genesys.memberToken(for: session) }
                }
                try await group.waitForAll()
            }
            for _ in 0..<60 { _ = try await fixture.genesys.findContact(.externalID("nobody")) }
            // Another client value on the same broker handle shares the same token.
            let other = GenesysCloudClient(
                httpClient: fixture.httpClient,
                serviceToken: fixture.broker.handle(for: fixture.credentials.client),
                logger: GenesysFixture.logger
            )
            for _ in 0..<20 { _ = try await other.memberToken(for: session) }
            #expect(fixture.emulator.tokensIssued == 1)
            let call = try #require(fixture.emulator.calls.calls(matching: EmulatorRoute(.post, "/oauth/token")).first)
            #expect(call.header("Content-Type") == "application/x-www-form-urlencoded")
            #expect(call.bodyText == "grant_type=client_credentials")
            // base64("emulator-client:emulator-secret")
            #expect(call.header("Authorization") == "Basic ZW11bGF0b3ItY2xpZW50OmVtdWxhdG9yLXNlY3JldA==")
            let api = try #require(fixture.emulator.calls.calls(matching: EmulatorRoute(.post, "/api/v2/signeddata")).first)
            #expect(api.header("Authorization")?.hasPrefix("Bearer ") == true)
        }
    }

    @Test func tokensAreRefreshedAheadOfExpiryWithoutCallersWaiting() async throws {
        let emulator = try await GenesysEmulator.start(
            .init(clients: [.init(id: "c", secret: "s", tokenLifetime: .seconds(3600))], legacyWebChat: true)
        )
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
        let clock = SteppedClock()
        let region = try GenesysRegion.custom(baseURL: emulator.baseURL)
        let credentials = GenesysCredentials(clientID: "c", clientSecret: Secret("s"), region: region)
        let provider = GenesysTokenProvider(httpClient: httpClient, credentials: [credentials], logger: GenesysFixture.logger)
        let broker = TokenBroker(provider: provider, clock: clock, logger: GenesysFixture.logger)
        let genesys = GenesysCloudClient(
            httpClient: httpClient,
            serviceToken: broker.handle(for: credentials.client),
            logger: GenesysFixture.logger
        )
        let session = VerifiedSession(subject: "u", credentialKind: .messagingJWT)
        for _ in 0..<30 { _ = try await genesys.memberToken(for: session) }
        #expect(emulator.tokensIssued == 1)
        // Past the refresh point (last 20% of the usable lifetime) but before expiry.
        clock.advance(by: .seconds(3100))
        for _ in 0..<30 { _ = try await genesys.memberToken(for: session) }
        await eventually("the refresh fetched a second token") { emulator.tokensIssued == 2 }
        for _ in 0..<30 { _ = try await genesys.memberToken(for: session) }
        #expect(emulator.tokensIssued == 2)
        // Every API call carried one of the two tokens, never a third.
        let bearers = Set(emulator.calls.calls(matching: EmulatorRoute(.post, "/api/v2/signeddata")).compactMap { $0.header("Authorization") })
        #expect(bearers.count == 2)
        await broker.shutdown()
        try await httpClient.shutdown()
        await emulator.stop()
    }

    @Test func aWrongClientSecretIsAPermanentInvalidClientError() async throws {
        try await GenesysFixture.with(clientSecret: "wrong-secret") { fixture in
            do {
                _ = try await fixture.provider.fetchToken(for: fixture.credentials.client)
                Issue.record("expected an error")
            } catch let error as GenesysError {
                #expect(error.code == .invalidClient)
                #expect(error.kind == .permanent)
                #expect(error.status == 401)
                #expect(error.genesysCode == "invalid_client")
                #expect(error.correlationID != nil)
                #expect(!error.description.contains("wrong-secret"))
            }
            // Through the client: the broker reports it once, then remembers it without asking again.
            let session = VerifiedSession(subject: "u", credentialKind: .messagingJWT)
            for _ in 0..<3 {
                do {
                    _ = try await fixture.genesys.memberToken(for: session)
                    Issue.record("expected an error")
                } catch let error as GenesysError {
                    #expect(error.code == .invalidClient)
                    #expect(error.kind == .permanent)
                }
            }
            #expect(fixture.emulator.calls.count(matching: EmulatorRoute(.post, "/oauth/token")) == 2)
            #expect(fixture.emulator.tokensIssued == 0)
        }
    }

    @Test func aRevokedTokenIsReplacedOnceTransparently() async throws {
        try await GenesysFixture.with { fixture in
            let session = VerifiedSession(subject: "u", credentialKind: .messagingJWT)
            _ = try await fixture.genesys.memberToken(for: session)
            fixture.emulator.revokeAllTokens()
            _ = try await fixture.genesys.memberToken(for: session)
            #expect(fixture.emulator.tokensIssued == 2)
        }
    }

    @Test func serverErrorsOnTheTokenEndpointAreTransientAndRetriedByTheBroker() async throws {
        try await GenesysFixture.with { fixture in
            fixture.emulator.faults.inject(
                .respond(status: .serviceUnavailable, headers: [:], body: #"{"status":503,"code":"service.unavailable"}"#),
                on: EmulatorRoute(.post, "/oauth/token")
            )
            _ = try await fixture.genesys.memberToken(for: VerifiedSession(subject: "u", credentialKind: .messagingJWT))
            #expect(fixture.emulator.calls.count(matching: EmulatorRoute(.post, "/oauth/token")) == 2)
            #expect(fixture.emulator.tokensIssued == 1)
        }
    }
}
