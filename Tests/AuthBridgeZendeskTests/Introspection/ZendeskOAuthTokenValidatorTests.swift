import AuthBridgeCore
import AuthBridgeTestSupport
import AuthBridgeTesting
import Hummingbird
import Logging
import Metrics
import Testing

@testable import AuthBridgeZendesk

@Suite("OAuth token introspection over the emulator")
struct ZendeskOAuthTokenValidatorTests {
    private static let route = EmulatorRoute(.get, "/api/v2/oauth/tokens/current.json")

    private func validator(
        _ fixture: ZendeskFixture,
        requiredScopes: Set<String> = ["read"],
        http: ZendeskHTTPPolicy = ZendeskHTTPPolicy()
    ) throws -> ZendeskOAuthTokenValidator<ManualClock> {
        try ZendeskOAuthTokenValidator(
            configuration: .init(baseURL: fixture.baseURL, requiredScopes: requiredScopes, http: http),
            http: fixture.http(http),
            clock: fixture.clock,
            wallClock: fixture.wall.jwtClock,
            logger: fixture.logger,
            metricsFactory: NOOPMetricsHandler.instance
        )
    }

    private func error(_ body: () async throws -> Void) async -> ZendeskError? {
        do {
            try await body()
            return nil
        } catch let error as ZendeskError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func validTokenIsIntrospectedOnceAndCached() async throws {
        try await ZendeskFixture.run { fixture in
            fixture.emulator.addToken(
                ZendeskEmulatorToken(value: Secret("tok-good-0123456789"), id: 77, userID: 361, clientID: 5, scopes: ["read", "write"]))
            let validator = try self.validator(fixture)
            let session = try await validator.validate(Secret("tok-good-0123456789"), logger: fixture.logger)
            #expect(session.subject == "zendesk-user:361")
            #expect(session.context["user_id"] == "361")
            #expect(session.credentialKind == .oauthToken)
            #expect(session.context["scopes"] == ["read", "write"])
            #expect(session.context["client_id"] == "5")
            #expect(session.context["token_id"] == "77")
            _ = try await validator.validate(Secret("tok-good-0123456789"), logger: fixture.logger)
            #expect(fixture.emulator.calls.count(matching: Self.route) == 1)
            let call = try #require(fixture.emulator.calls.calls(matching: Self.route).first)
            #expect(call.header("Authorization") == "Bearer tok-good-0123456789")
            #expect(!fixture.logText.contains("tok-good-0123456789"))
            await validator.shutdown()
        }
    }

    @Test func concurrentChecksOfOneTokenFlySingle() async throws {
        try await ZendeskFixture.run { fixture in
            fixture.emulator.addToken(ZendeskEmulatorToken(value: Secret("tok-busy"), scopes: ["read"]))
            fixture.emulator.faults.inject(.delay(.milliseconds(150)), on: Self.route)
            let validator = try self.validator(fixture)
            try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<50 {
                    group.addTask { try await validator.validate(Secret("tok-busy"), logger: fixture.logger).subject }
                }
                for try await subject in group { #expect(subject == "zendesk-user:1") }
            }
            #expect(fixture.emulator.calls.count(matching: Self.route) == 1)
            await validator.shutdown()
        }
    }

    @Test func positiveResultsLastUntilTheEarlierOfExpiryAndTTL() async throws {
        try await ZendeskFixture.run { fixture in
            fixture.emulator.addToken(ZendeskEmulatorToken(value: Secret("tok-forever"), scopes: ["read"]))
            fixture.emulator.addToken(ZendeskEmulatorToken(value: Secret("tok-short"), scopes: ["read"], expiresAt: TestJWT.now + 60))
            let validator = try self.validator(fixture)
            _ = try await validator.validate(Secret("tok-forever"), logger: fixture.logger)
            let short = try await validator.validate(Secret("tok-short"), logger: fixture.logger)
            #expect(short.expiresAt == TestJWT.now + 60)

            // 61 s later the short token's entry is gone and Zendesk says it expired; the other is still cached.
            fixture.clock.advance(by: .seconds(61))
            fixture.wall.advance(by: 61)
            let expired = await self.error { _ = try await validator.validate(Secret("tok-short"), logger: fixture.logger) }
            #expect(expired?.code == .unauthorized)
            #expect(expired?.status == 401)
            #expect(expired?.zendeskError == "invalid_token")
            _ = try await validator.validate(Secret("tok-forever"), logger: fixture.logger)
            #expect(fixture.emulator.calls.count(matching: Self.route) == 3)

            // After the 5-minute TTL the long-lived token is asked about again.
            fixture.clock.advance(by: .seconds(300))
            _ = try await validator.validate(Secret("tok-forever"), logger: fixture.logger)
            #expect(fixture.emulator.calls.count(matching: Self.route) == 4)
            await validator.shutdown()
        }
    }

    @Test func unknownTokenIs401AndRememberedBriefly() async throws {
        try await ZendeskFixture.run { fixture in
            let validator = try self.validator(fixture)
            let first = await self.error { _ = try await validator.validate(Secret("tok-unknown"), logger: fixture.logger) }
            #expect(first?.code == .unauthorized)
            #expect(first?.failureKind == .permanent)
            let second = await self.error { _ = try await validator.validate(Secret("tok-unknown"), logger: fixture.logger) }
            #expect(second?.code == .unauthorized)
            #expect(fixture.emulator.calls.count(matching: Self.route) == 1)
            fixture.clock.advance(by: .seconds(11))
            _ = await self.error { _ = try await validator.validate(Secret("tok-unknown"), logger: fixture.logger) }
            #expect(fixture.emulator.calls.count(matching: Self.route) == 2)
            #expect(!"\(String(describing: first))".contains("tok-unknown"))
            await validator.shutdown()
        }
    }

    @Test func missingScopeIsADistinct403AndRequiredScopesAreChecked() async throws {
        try await ZendeskFixture.run { fixture in
            fixture.emulator.addToken(ZendeskEmulatorToken(value: Secret("tok-tickets"), scopes: ["tickets:read"]))
            fixture.emulator.addToken(ZendeskEmulatorToken(value: Secret("tok-read"), scopes: ["read"]))
            let validator = try self.validator(fixture, requiredScopes: ["read", "users:write"])
            let forbidden = await self.error { _ = try await validator.validate(Secret("tok-tickets"), logger: fixture.logger) }
            #expect(forbidden?.code == .forbidden)
            #expect(forbidden?.zendeskError == "Forbidden")
            #expect(forbidden?.zendeskDescription == "You are missing the following required scopes: read")
            let insufficient = await self.error { _ = try await validator.validate(Secret("tok-read"), logger: fixture.logger) }
            #expect(insufficient?.code == .insufficientScope)
            #expect(insufficient?.field == "users:write")
            await validator.shutdown()
        }
        #expect(ZendeskOAuthTokenValidator<ManualClock>.satisfies(["read"], "tickets:read"))
        #expect(!ZendeskOAuthTokenValidator<ManualClock>.satisfies(["read"], "tickets:write"))
        // A bare resource scope means read and write of that resource, and only of it.
        #expect(ZendeskOAuthTokenValidator<ManualClock>.satisfies(["tickets"], "tickets:read"))
        #expect(ZendeskOAuthTokenValidator<ManualClock>.satisfies(["tickets"], "tickets:write"))
        #expect(!ZendeskOAuthTokenValidator<ManualClock>.satisfies(["tickets"], "users:read"))
        #expect(!ZendeskOAuthTokenValidator<ManualClock>.satisfies(["tickets"], "read"))
    }

    @Test func rateLimitIsRetriedAfterRetryAfter() async throws {
        try await ZendeskFixture.run { fixture in
            fixture.emulator.addToken(ZendeskEmulatorToken(value: Secret("tok-429"), scopes: ["read"]))
            fixture.emulator.faults.inject(ZendeskEmulator.rateLimitFault(retryAfter: 2), on: Self.route)
            let validator = try self.validator(fixture)
            #expect(try await validator.validate(Secret("tok-429"), logger: fixture.logger).subject == "zendesk-user:1")
            #expect(fixture.emulator.calls.count(matching: Self.route) == 2)
            #expect(fixture.recordedSleeps == [.seconds(2)])
            await validator.shutdown()
        }
    }

    @Test func aLongRetryAfterFailsAtOnceWithTheHint() async throws {
        try await ZendeskFixture.run { fixture in
            fixture.emulator.faults.inject(ZendeskEmulator.rateLimitFault(retryAfter: 60), on: Self.route, count: .always)
            let validator = try self.validator(fixture)
            let error = await self.error { _ = try await validator.validate(Secret("tok-x"), logger: fixture.logger) }
            #expect(error?.code == .rateLimited)
            #expect(error?.retryAfter == .seconds(60))
            #expect(error?.failureKind == .transient)
            #expect(fixture.emulator.calls.count(matching: Self.route) == 1)
            await validator.shutdown()
        }
    }

    @Test func serverErrorsAreRetriedThenReported() async throws {
        try await ZendeskFixture.run { fixture in
            fixture.emulator.faults.inject(ZendeskEmulator.serverErrorFault, on: Self.route, count: .always)
            let validator = try self.validator(fixture)
            let error = await self.error { _ = try await validator.validate(Secret("tok-x"), logger: fixture.logger) }
            #expect(error?.code == .serverError)
            #expect(error?.status == 503)
            #expect(fixture.emulator.calls.count(matching: Self.route) == 3)
            #expect(fixture.recordedSleeps.count == 2)
            await validator.shutdown()
        }
    }

    @Test func slowDroppedMalformedAndOversizedAnswers() async throws {
        try await ZendeskFixture.run { fixture in
            fixture.emulator.addToken(ZendeskEmulatorToken(value: Secret("tok-ok"), scopes: ["read"]))
            // Only the timeout case needs a short timeout; the others get 10 s, so a loaded 2-core machine
            // that stalls the emulator cannot turn a dropped or malformed answer into a timeout.
            let quick = try self.validator(fixture, http: ZendeskHTTPPolicy(requestTimeout: .seconds(1), maximumResponseBytes: 4096))
            let validator = try self.validator(fixture, http: ZendeskHTTPPolicy(requestTimeout: .seconds(10), maximumResponseBytes: 4096))
            let cases: [(EmulatorFault, ZendeskError.Code, ZendeskOAuthTokenValidator<ManualClock>)] = [
                (.delay(.milliseconds(2500)), .timeout, quick),
                (.dropConnection, .connectionFailed, validator),
                (.malformedBody, .malformedResponse, validator),
                (.oversizedBody(byteCount: 10_000), .responseTooLarge, validator),
            ]
            for (fault, code, checker) in cases {
                fixture.emulator.faults.inject(fault, on: Self.route)
                let error = await self.error { _ = try await checker.validate(Secret("tok-ok"), logger: fixture.logger) }
                #expect(error?.code == code, "\(fault)")
                // Transient failures are not remembered; malformed answers are, so move past them.
                fixture.clock.advance(by: .seconds(11))
            }
            await quick.shutdown()
            #expect(try await validator.validate(Secret("tok-ok"), logger: fixture.logger).subject == "zendesk-user:1")
            await validator.shutdown()
        }
    }

    @Test func manyTokensStayWithinTheCacheBound() async throws {
        try await ZendeskFixture.run { fixture in
            for index in 0..<20 { fixture.emulator.addToken(ZendeskEmulatorToken(value: Secret("tok-\(index)"), scopes: ["read"])) }
            let validator = try ZendeskOAuthTokenValidator(
                configuration: .init(baseURL: fixture.baseURL, maximumCachedTokens: 5),
                http: fixture.http(),
                clock: fixture.clock,
                wallClock: fixture.wall.jwtClock,
                logger: fixture.logger,
                metricsFactory: NOOPMetricsHandler.instance
            )
            for index in 0..<20 { _ = try await validator.validate(Secret("tok-\(index)"), logger: fixture.logger) }
            #expect(fixture.emulator.calls.count(matching: Self.route) == 20)
            // At most 5 results are held, so asking about all 20 again misses at least 15 times.
            for index in 0..<20 { _ = try await validator.validate(Secret("tok-\(index)"), logger: fixture.logger) }
            #expect(fixture.emulator.calls.count(matching: Self.route) >= 35)
            await validator.shutdown()
        }
    }
}
