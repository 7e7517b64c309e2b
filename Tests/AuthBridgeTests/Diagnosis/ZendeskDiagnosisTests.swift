import AsyncHTTPClient
import AuthBridge
import AuthBridgeCore
import AuthBridgeJWT
import AuthBridgeTesting
import AuthBridgeZendesk
import Foundation
import Testing

/// Zendesk OAuth failures induced in the emulator over loopback, turned into diagnoses.
@Suite struct ZendeskDiagnosisTests {
    /// Starts an emulator holding `tokens`, checks `token` with a validator requiring `requiredScopes`, and
    /// returns what the validator threw.
    private func failure(
        token: ZendeskEmulatorToken,
        requiredScopes: Set<String> = ["read"],
        setUp: (ZendeskEmulator) -> Void = { _ in }
    ) async throws -> (any Error)? {
        let emulator = try await ZendeskEmulator.start()
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        emulator.addToken(token)
        setUp(emulator)
        let validator = try ZendeskOAuthTokenValidator(
            configuration: .init(baseURL: try ZendeskBaseURL(overriding: emulator.baseURL), requiredScopes: requiredScopes),
            httpClient: http,
            logger: DiagnosisSupport.logger
        )
        let error = await DiagnosisSupport.failure { _ = try await validator.validate(token.value, logger: DiagnosisSupport.logger) }
        await validator.shutdown()
        try await http.shutdown()
        await emulator.stop()
        return error
    }

    /// Hands out one fixed token: here a Support token, as AuthBridge sent to the Chat API before.
    private struct SupportTokenProvider: TokenProvider {
        let value: Secret
        func fetchToken(for key: ZendeskChatAPIClient) async throws -> AccessToken {
            AccessToken(value: self.value, expiresIn: .seconds(3600), scopes: ["read", "write"])
        }
    }

    @Test func aSupportTokenOnTheChatAPIIsNamed() async throws {
        let emulator = try await ZendeskEmulator.start()
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let value = Secret("support-token-used-on-chat-0003")
        emulator.addToken(ZendeskEmulatorToken(value: value, scopes: ["read", "write"]))
        emulator.addChat(ZendeskEmulator.sampleChat())
        let client = ZendeskChatAPIClient(clientID: "support-client", baseURL: try ZendeskBaseURL(overriding: emulator.baseURL))
        let broker = TokenBroker(
            provider: SupportTokenProvider(value: value), configuration: .init(retry: .init(maximumAttempts: 1)), logger: DiagnosisSupport.logger)
        let reader = ZendeskChatHistoryReader(tokens: broker.handle(for: client), httpClient: http)
        let error = await DiagnosisSupport.failure {
            _ = try await reader.read(chatID: "1704.2314815.QHgVx6SOrRuSx", logger: DiagnosisSupport.logger)
        }
        await broker.shutdown()
        try await http.shutdown()
        await emulator.stop()
        let diagnosis = Diagnosis.diagnose(try #require(error), at: .zendeskHistoryRead)
        #expect(diagnosis.cause == .wrongZendeskAPI)
        #expect(diagnosis.evidence.status == 401)
        #expect(diagnosis.explanation.contains("Support OAuth token"))
        #expect(diagnosis.remedy.contains("zendesk.chat.client.id"))
        DiagnosisSupport.expectNoSecret(diagnosis, [value.revealed])
    }

    @Test func aTokenWithoutReadIsMissingThatScope() async throws {
        let value = Secret("zendesk-oauth-token-without-read-0001")
        let error = try #require(try await self.failure(token: ZendeskEmulatorToken(value: value, scopes: ["tickets:read"])))
        let diagnosis = Diagnosis.diagnose(error, at: .zendeskValidation, token: value)
        #expect(diagnosis.cause == .missingScope)
        #expect(diagnosis.evidence.status == 403)
        #expect(diagnosis.evidence.peerCode == "Forbidden")
        #expect(diagnosis.evidence.field == "read")
        #expect(diagnosis.explanation == "the OAuth token lacks the read scope")
        #expect(diagnosis.remedy.contains("Grant the read scope"))
        DiagnosisSupport.expectNoSecret(diagnosis, [value.revealed])
    }

    @Test func aTokenWithoutARequiredScopeNamesIt() async throws {
        let value = Secret("zendesk-oauth-token-read-only-0002")
        let error = try #require(
            try await self.failure(token: ZendeskEmulatorToken(value: value, scopes: ["read"]), requiredScopes: ["read", "write"])
        )
        let diagnosis = Diagnosis.diagnose(error, at: .zendeskValidation, token: value)
        #expect(diagnosis.cause == .missingScope)
        #expect(diagnosis.evidence.error == "ZendeskError.insufficientScope")
        #expect(diagnosis.explanation.contains("lacks the write scope"))
        #expect(diagnosis.remedy.contains("Grant the write scope"))
        DiagnosisSupport.expectNoSecret(diagnosis, [value.revealed])
    }

    @Test func scopesThatDoNotExistAreNamedAsSuch() async throws {
        // A client configured with scim:users:write: Zendesk still issues the token, and it can do nothing.
        let scim = Secret("zendesk-oauth-token-scim-scope-0003")
        let scimError = try #require(try await self.failure(token: ZendeskEmulatorToken(value: scim, scopes: ["scim:users:write"])))
        let scimDiagnosis = Diagnosis.diagnose(scimError, at: .zendeskValidation, token: scim, context: .init(scopes: ["scim:users:write"]))
        #expect(scimDiagnosis.cause == .nonexistentScope)
        #expect(scimDiagnosis.explanation.contains("scim:users:write does not exist"))
        #expect(scimDiagnosis.remedy.contains("no scim:* scope"))
        DiagnosisSupport.expectNoSecret(scimDiagnosis, [scim.revealed])

        // The bridge itself configured to require a Chat scope from a Support OAuth token.
        let chat = Secret("zendesk-oauth-token-chat-scope-0004")
        let chatError = try #require(
            try await self.failure(token: ZendeskEmulatorToken(value: chat, scopes: ["read"]), requiredScopes: ["chat:write"])
        )
        let chatDiagnosis = Diagnosis.diagnose(chatError, at: .zendeskHistoryRead, token: chat)
        #expect(chatDiagnosis.cause == .nonexistentScope)
        #expect(chatDiagnosis.explanation.contains("chat:write does not exist"))
        #expect(chatDiagnosis.remedy.contains("no chat:* scope"))
        DiagnosisSupport.expectNoSecret(chatDiagnosis, [chat.revealed])
    }

    @Test func anExpiredOAuthTokenIsRefused() async throws {
        let value = Secret("zendesk-oauth-token-expired-0005")
        let past = Date().timeIntervalSince1970 - 3600
        let error = try #require(try await self.failure(token: ZendeskEmulatorToken(value: value, createdAt: past - 1800, expiresAt: past)))
        let diagnosis = Diagnosis.diagnose(error, at: .zendeskValidation, token: value)
        #expect(diagnosis.cause == .tokenRejected)
        #expect(diagnosis.evidence.status == 401)
        #expect(diagnosis.evidence.peerCode == "invalid_token")
        #expect(diagnosis.remedy.contains("new OAuth token"))
        DiagnosisSupport.expectNoSecret(diagnosis, [value.revealed])
    }

    @Test func aPeerDateFarFromOursIsClockSkew() async throws {
        // Our clock runs 10 minutes behind Zendesk's: a token we think has 5 minutes left has expired
        // there. The diagnosis reads the offset from Zendesk's Date header.
        // A live clock, so time spent under load does not count as skew.
        let realNow = Date().timeIntervalSince1970
        let ourClock = JWTClock { Date().timeIntervalSince1970 - 600 }
        let value = Secret("zendesk-oauth-token-skewed-0006")
        let error = try #require(
            try await self.failure(token: ZendeskEmulatorToken(value: value, createdAt: realNow - 1800, expiresAt: ourClock.now + 300))
        )
        let diagnosis = Diagnosis.diagnose(error, at: .zendeskValidation, token: value, context: .init(clock: ourClock))
        #expect(diagnosis.cause == .clockSkew)
        #expect(diagnosis.evidence.peerDate != nil)
        let offset = try #require(diagnosis.evidence.clockOffsetSeconds)
        // The Date header has one-second resolution, and a loaded machine adds seconds between the answer
        // and the diagnosis; what matters is ten minutes, not three seconds.
        #expect(abs(offset - 600) <= 30)
        #expect(diagnosis.explanation.contains("ahead of ours"))
        #expect(diagnosis.remedy.contains("NTP"))
        DiagnosisSupport.expectNoSecret(diagnosis, [value.revealed])
    }

    @Test func a429IsRateLimitedNotUnauthorized() async throws {
        let value = Secret("zendesk-oauth-token-rate-limited-0007")
        let error = try #require(
            try await self.failure(token: ZendeskEmulatorToken(value: value)) { emulator in
                emulator.faults.inject(ZendeskEmulator.rateLimitFault(retryAfter: 30), on: EmulatorRoute(nil, "/api/v2/oauth/tokens/current.json"))
            }
        )
        let diagnosis = Diagnosis.diagnose(error, at: .zendeskValidation, token: value)
        #expect(diagnosis.cause == .rateLimited)
        #expect(diagnosis.evidence.status == 429)
        #expect(diagnosis.evidence.retryAfterSeconds == 30)
        #expect(diagnosis.remedy.contains("wait for Retry-After"))
        DiagnosisSupport.expectNoSecret(diagnosis, [value.revealed])
    }

    @Test func aStaleSSOJWTAndAReplayedOneAreNamed() async throws {
        let now = 1_764_064_800.0
        let secret = "sso-shared-secret-0123456789abcdef0123456789"
        let validator = try ZendeskSSOJWTValidator(
            configuration: .init(sharedSecret: Secret(secret), clock: .fixed(now)),
            replayStore: InMemoryReplayStore(maximumEntries: 100, clock: ContinuousClock())
        )
        let context = DiagnosisContext(leeway: .seconds(30), clock: .fixed(now))

        let stale = try DiagnosisSupport.sign(
            ["iat": .number(now - 400), "jti": "jti-stale", "email": "ada@example.com", "name": "Ada"],
            secret: secret,
            keyID: nil
        )
        let staleError = try #require(await DiagnosisSupport.failure { _ = try await validator.validate(stale, logger: DiagnosisSupport.logger) })
        let staleDiagnosis = Diagnosis.diagnose(staleError, at: .zendeskValidation, token: stale, context: context)
        #expect(staleDiagnosis.cause == .expiredToken)
        #expect(staleDiagnosis.explanation.contains("older than the allowed age"))
        #expect(staleDiagnosis.remedy.contains("3 minutes"))
        DiagnosisSupport.expectNoSecret(staleDiagnosis, [stale.revealed, secret])

        let fresh = try DiagnosisSupport.sign(
            ["iat": .number(now - 5), "jti": "jti-once", "email": "ada@example.com", "name": "Ada"],
            secret: secret,
            keyID: nil
        )
        _ = try await validator.validate(fresh, logger: DiagnosisSupport.logger)
        let replayError = try #require(await DiagnosisSupport.failure { _ = try await validator.validate(fresh, logger: DiagnosisSupport.logger) })
        let replayDiagnosis = Diagnosis.diagnose(replayError, at: .zendeskValidation, token: fresh, context: context)
        #expect(replayDiagnosis.cause == .replayedToken)
        #expect(replayDiagnosis.remedy.contains("fresh random jti"))
        DiagnosisSupport.expectNoSecret(replayDiagnosis, [fresh.revealed, secret])
    }
}
