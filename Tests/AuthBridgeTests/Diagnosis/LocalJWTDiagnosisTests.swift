import AuthBridge
import AuthBridgeCore
import AuthBridgeJWT
import AuthBridgeZendesk
import Testing

/// Failures of the real Zendesk validators, found locally, turned into diagnoses.
@Suite struct LocalJWTDiagnosisTests {
    static let now: Double = 1_764_064_800
    static let secret = "messaging-secret-A-0123456789abcdef0123456789"
    static let kid = "app_0123456789abcdef01234567"
    static let otherKid = "app_89abcdef0123456789abcdef"

    private func validator(secret: String = secret, kids: [String] = [kid]) throws -> ZendeskMessagingJWTValidator {
        try ZendeskMessagingJWTValidator(
            configuration: .init(
                signingKeys: kids.map { ZendeskSigningKey(keyID: $0, secret: Secret(secret)) },
                clock: .fixed(Self.now)
            )
        )
    }

    private func claims(iat: Double = now - 10, exp: Double = now + 600) -> JSONObject {
        ["scope": "user", "external_id": "customer-42", "iat": .number(iat), "exp": .number(exp)]
    }

    private func diagnose(_ validator: ZendeskMessagingJWTValidator, _ token: Secret, context: DiagnosisContext) async -> Diagnosis? {
        guard let error = await DiagnosisSupport.failure({ _ = try validator.validate(token) }) else { return nil }
        return Diagnosis.diagnose(error, at: .zendeskValidation, token: token, context: context)
    }

    @Test func expiredTokenSaysByHowMuch() async throws {
        let token = try DiagnosisSupport.sign(self.claims(iat: Self.now - 700, exp: Self.now - 102), secret: Self.secret, keyID: Self.kid)
        let diagnosis = try #require(await self.diagnose(try self.validator(), token, context: .init(clock: .fixed(Self.now))))
        #expect(diagnosis.cause == .expiredToken)
        #expect(diagnosis.step == .zendeskValidation)
        #expect(diagnosis.evidence.secondsPastExpiry == 102)
        #expect(diagnosis.evidence.expiresAt == Self.now - 102)
        #expect(diagnosis.evidence.tokenAlgorithm == "HS256")
        #expect(diagnosis.evidence.tokenKeyID == Self.kid)
        #expect(diagnosis.evidence.error == "JWTError.expired")
        #expect(diagnosis.explanation.contains("expired 102 s ago"))
        #expect(diagnosis.remedy.contains("fresh JWT"))
        DiagnosisSupport.expectNoSecret(diagnosis, [token.revealed, Self.secret, String(token.revealed.split(separator: ".")[2])])
        // Without the token, the error's own measure says the same.
        let error = try #require(await DiagnosisSupport.failure { _ = try self.validator().validate(token) })
        let blind = Diagnosis.diagnose(error, at: .zendeskValidation)
        #expect(blind.cause == .expiredToken)
        #expect(blind.evidence.secondsPastExpiry == 102)
        #expect(blind.explanation.contains("expired 102 s ago"))
    }

    @Test func futureIssuedAtIsClockSkewBeyondLeeway() async throws {
        let token = try DiagnosisSupport.sign(self.claims(iat: Self.now + 300, exp: Self.now + 900), secret: Self.secret, keyID: Self.kid)
        let diagnosis = try #require(await self.diagnose(try self.validator(), token, context: .init(clock: .fixed(Self.now))))
        #expect(diagnosis.cause == .clockSkew)
        #expect(diagnosis.evidence.issuedAt == Self.now + 300)
        #expect(diagnosis.evidence.clockOffsetSeconds == 300)
        #expect(diagnosis.explanation.contains("iat"))
        #expect(diagnosis.explanation.contains("in the future"))
        #expect(diagnosis.explanation.contains("leeway of 60 s"))
        #expect(diagnosis.remedy.contains("NTP"))
        DiagnosisSupport.expectNoSecret(diagnosis, [token.revealed, Self.secret])
    }

    @Test func unknownKidNamesTheKnownOnes() async throws {
        let stranger = "app_ffffffffffffffffffffffff"
        let token = try DiagnosisSupport.sign(self.claims(), secret: Self.secret, keyID: stranger)
        let validator = try self.validator(kids: [Self.kid, Self.otherKid])
        let diagnosis = try #require(
            await self.diagnose(validator, token, context: .init(knownKeyIDs: [Self.kid, Self.otherKid], clock: .fixed(Self.now)))
        )
        #expect(diagnosis.cause == .unknownKeyID)
        #expect(diagnosis.explanation == "kid \(stranger) is not among [\(Self.kid), \(Self.otherKid)]")
        #expect(diagnosis.evidence.knownKeyIDs == [Self.kid, Self.otherKid])
        #expect(diagnosis.remedy.contains("signing key"))
        DiagnosisSupport.expectNoSecret(diagnosis, [token.revealed, Self.secret])
    }

    @Test func badSignatureWithAnAPITokenShapedSecretSaysSo() async throws {
        // A Zendesk API token (40 letters and digits) configured where the signing key's secret belongs.
        let apiToken = "Zk3Lq9Wm2Xv7Nc4Rb8Td1Hs6Jf0Pg5Ya3Ue9Oi2Q"
        #expect(apiToken.count == 40)
        let token = try DiagnosisSupport.sign(self.claims(), secret: Self.secret, keyID: Self.kid)
        let diagnosis = try #require(
            await self.diagnose(
                try self.validator(secret: apiToken),
                token,
                context: .init(signingSecret: Secret(apiToken), clock: .fixed(Self.now))
            )
        )
        #expect(diagnosis.cause == .signatureMismatch)
        #expect(diagnosis.explanation.contains("Zendesk API token"))
        #expect(diagnosis.remedy.contains("not a Zendesk API token"))
        DiagnosisSupport.expectNoSecret(diagnosis, [token.revealed, Self.secret, apiToken])
    }

    @Test func badSignatureWithAnotherSecretSaysTheSecretDiffers() async throws {
        let configured = "messaging-secret-B-0123456789abcdef0123456789"
        let token = try DiagnosisSupport.sign(self.claims(), secret: Self.secret, keyID: Self.kid)
        let diagnosis = try #require(
            await self.diagnose(
                try self.validator(secret: configured),
                token,
                context: .init(signingSecret: Secret(configured), clock: .fixed(Self.now))
            )
        )
        #expect(diagnosis.cause == .signatureMismatch)
        #expect(diagnosis.explanation.contains("secret differs"))
        #expect(!diagnosis.explanation.contains("API token"))
        #expect(diagnosis.remedy.contains("shared secret"))
        DiagnosisSupport.expectNoSecret(diagnosis, [token.revealed, Self.secret, configured])
    }

    @Test func rs256AgainstASharedSecretIsAnAlgorithmMismatch() async throws {
        let rsa = try JWTKey.generate(for: .rs256, keyID: Self.kid)
        let token = Secret(try JWTSigner(key: rsa, algorithm: .rs256).sign(self.claims()))
        let diagnosis = try #require(await self.diagnose(try self.validator(), token, context: .init(clock: .fixed(Self.now))))
        #expect(diagnosis.cause == .algorithmMismatch)
        #expect(diagnosis.explanation == "alg RS256 but the key is a shared secret (HS256 only)")
        #expect(diagnosis.remedy.contains("HS256"))
        DiagnosisSupport.expectNoSecret(diagnosis, [token.revealed, Self.secret])
    }
}
