import AsyncHTTPClient
import AuthBridgeCore
import AuthBridgeGenesys
import AuthBridgeTesting
import Hummingbird
import Testing

@Suite struct GenesysRateLimitAndRegionTests {
    @Test func a429StormIsReportedWithRetryAfterAndEveryCallIsAccountedFor() async throws {
        try await GenesysFixture.with(.init(rateLimitPerToken: 10, rateLimitWindow: .seconds(60), legacyWebChat: true)) { fixture in
            let outcomes = try await withThrowingTaskGroup(of: GenesysError?.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        do {
                            _ = try await fixture.genesys.findContact(.email("id-\(index)@example.com"))
                            return nil
                        } catch let error as GenesysError {
                            return error
                        }
                    }
                }
                var results: [GenesysError?] = []
                for try await outcome in group { results.append(outcome) }
                return results
            }
            let limited = outcomes.compactMap { $0 }
            #expect(outcomes.count - limited.count == 10)
            #expect(limited.count == 30)
            for error in limited {
                #expect(error.code == .rateLimited)
                #expect(error.kind == .transient)
                #expect(error.status == 429)
                #expect((error.retryAfter ?? .zero) > .seconds(50))
                #expect(error.correlationID != nil)
                #expect(error.contextID == error.correlationID)
            }
            // A Retry-After longer than the policy's ceiling is not waited for: one request per call.
            #expect(fixture.emulator.calls.count(matching: EmulatorRoute(.post, "/api/v2/externalcontacts/identifierlookup/contacts")) == 40)
            #expect(fixture.emulator.tokensIssued == 1)
        }
    }

    @Test func aShortRetryAfterIsHonouredForIdempotentCalls() async throws {
        // One 429 with Retry-After: 1 (under the policy's 5 s ceiling), armed directly: a window that lapses
        // on a loaded machine cannot make the test pass or fail by accident.
        try await GenesysFixture.with(.init(legacyWebChat: true)) { fixture in
            let session = VerifiedSession(subject: "u", credentialKind: .messagingJWT)
            let route = EmulatorRoute(.post, "/api/v2/signeddata")
            fixture.emulator.faults.inject(
                .respond(
                    status: .tooManyRequests, headers: [.retryAfter: "1", .contentType: "application/json"],
                    body: #"{"message":"Rate limit exceeded the maximum","code":"too.many.requests","status":429}"#),
                on: route)
            let clock = ContinuousClock()
            let start = clock.now
            _ = try await fixture.genesys.memberToken(for: session)
            #expect(clock.now - start >= .milliseconds(900))
            #expect(fixture.emulator.calls.count(matching: route) == 2)
        }
    }

    @Test func aTokenFromOneRegionIsRefusedByAnother() async throws {
        let east = try await GenesysEmulator.start(.init(regionName: "us_east_1", legacyWebChat: true))
        let west = try await GenesysEmulator.start(.init(regionName: "eu_west_1", legacyWebChat: true))
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
        // Login host of one region, API host of another: the classic misconfiguration.
        let mixed = try GenesysRegion.custom(loginBaseURL: east.baseURL, apiBaseURL: west.baseURL)
        let credentials = GenesysCredentials(clientID: "emulator-client", clientSecret: Secret("emulator-secret"), region: mixed)
        let provider = GenesysTokenProvider(httpClient: httpClient, credentials: [credentials], logger: GenesysFixture.logger)
        let broker = TokenBroker(provider: provider, logger: GenesysFixture.logger)
        let genesys = GenesysCloudClient(
            httpClient: httpClient,
            serviceToken: broker.handle(for: credentials.client),
            configuration: .init(http: GenesysFixture.quickPolicy()),
            logger: GenesysFixture.logger
        )
        do {
            _ = try await genesys.memberToken(for: VerifiedSession(subject: "u", credentialKind: .messagingJWT))
            Issue.record("expected an error")
        } catch let error as GenesysError {
            #expect(error.code == .unauthorized)
            #expect(error.kind == .permanent)
            #expect(error.status == 401)
            #expect(error.genesysCode == "bad.credentials")
            #expect(error.reason.contains("another region"))
            #expect(error.correlationID != nil)
        }
        // One retry with a fresh token, then the error: two tokens from the east, none from the west.
        #expect(east.tokensIssued == 2)
        #expect(west.tokensIssued == 0)
        #expect(west.calls.count(matching: EmulatorRoute(.post, "/api/v2/signeddata")) == 2)

        // The same client against its own region works.
        let home = try GenesysRegion.custom(baseURL: west.baseURL)
        let westCredentials = GenesysCredentials(clientID: "emulator-client", clientSecret: Secret("emulator-secret"), region: home)
        let westProvider = GenesysTokenProvider(httpClient: httpClient, credentials: [westCredentials], logger: GenesysFixture.logger)
        let westBroker = TokenBroker(provider: westProvider, logger: GenesysFixture.logger)
        let westGenesys = GenesysCloudClient(
            httpClient: httpClient,
            serviceToken: westBroker.handle(for: westCredentials.client),
            logger: GenesysFixture.logger
        )
        _ = try await westGenesys.memberToken(for: VerifiedSession(subject: "u", credentialKind: .messagingJWT))
        #expect(west.tokensIssued == 1)

        await broker.shutdown()
        await westBroker.shutdown()
        try await httpClient.shutdown()
        await east.stop()
        await west.stop()
    }
}
