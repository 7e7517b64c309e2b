import AuthBridgeCore
import AuthBridgeJWT
import AuthBridgeZendesk
import Logging
import Testing

@Suite("Messaging end-user JWT")
struct ZendeskMessagingJWTValidatorTests {
    private let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    private func validator(maximumLifetime: Duration = .seconds(86_400)) throws -> ZendeskMessagingJWTValidator {
        try ZendeskMessagingJWTValidator(
            configuration: .init(
                signingKeys: [
                    ZendeskSigningKey(keyID: TestJWT.keyA, secret: Secret(TestJWT.secretA)),
                    ZendeskSigningKey(keyID: TestJWT.keyB, secret: Secret(TestJWT.secretB)),
                ],
                maximumLifetime: maximumLifetime,
                clock: TestJWT.clock
            )
        )
    }

    private func expectJWTError(_ code: JWTError.Code, _ token: Secret, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let validator = try self.validator()
        let error = #expect(throws: JWTError.self, sourceLocation: sourceLocation) { try validator.validate(token) }
        #expect(error?.code == code, sourceLocation: sourceLocation)
    }

    private func expectClaimsError(_ field: String, _ token: Secret, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let validator = try self.validator()
        let error = #expect(throws: ZendeskError.self, sourceLocation: sourceLocation) { try validator.validate(token) }
        #expect(error?.code == .invalidClaims, sourceLocation: sourceLocation)
        #expect(error?.field == field, sourceLocation: sourceLocation)
    }

    @Test func validTokenGivesTheExternalIDAndAVerifiedEmail() async throws {
        let session = try await self.validator().validate(TestJWT.sign(TestJWT.messagingClaims(["plan": "gold"])), logger: self.logger)
        #expect(session.subject == "customer-42")
        #expect(session.name == "Ada Visitor")
        #expect(session.email == "ada@example.com")
        #expect(session.isEmailVerified)
        #expect(session.credentialKind == .messagingJWT)
        #expect(session.expiresAt == TestJWT.now + 600)
        #expect(session.authenticatedAt == TestJWT.now - 10)
        #expect(session.context["plan"] == "gold")
        #expect(session.context["kid"] == .string(TestJWT.keyA))
        #expect(session.context["external_id"] == nil)
        // Only what the validator did not consume: the custom claim and the key id.
        #expect(Set(session.context.keys) == ["plan", "kid"])
    }

    @Test func emailIsVerifiedOnlyWhenEmailVerifiedIsTrue() throws {
        let validator = try self.validator()
        for value: JSONValue in [false, "true", 1] {
            let session = try validator.validate(TestJWT.sign(TestJWT.messagingClaims(["email_verified": value])))
            #expect(!session.isEmailVerified)
        }
        let noEmail = try validator.validate(TestJWT.sign(TestJWT.messagingClaims(removing: ["email"])))
        #expect(noEmail.email == nil && !noEmail.isEmailVerified)
    }

    @Test func eitherRotationKeyIsAccepted() throws {
        let validator = try self.validator()
        let session = try validator.validate(TestJWT.sign(TestJWT.messagingClaims(), secret: TestJWT.secretB, keyID: TestJWT.keyB))
        #expect(session.context["kid"] == .string(TestJWT.keyB))
    }

    @Test func expiredTokenIsRefused() throws {
        try self.expectJWTError(.expired, TestJWT.sign(TestJWT.messagingClaims(["exp": .number(TestJWT.now - 120)])))
    }

    @Test func notYetValidTokenIsRefused() throws {
        try self.expectJWTError(.notYetValid, TestJWT.sign(TestJWT.messagingClaims(["nbf": .number(TestJWT.now + 600)])))
    }

    @Test func tokenSignedWithTheWrongSecretIsRefused() throws {
        try self.expectJWTError(.badSignature, TestJWT.sign(TestJWT.messagingClaims(), secret: TestJWT.secretB, keyID: TestJWT.keyA))
    }

    @Test func unknownOrMissingKidIsRefused() throws {
        try self.expectJWTError(.keyNotFound, TestJWT.sign(TestJWT.messagingClaims(), keyID: "app_ffffffffffffffffffffffff"))
        try self.expectJWTError(.keyNotFound, TestJWT.sign(TestJWT.messagingClaims(), keyID: nil))
    }

    @Test func otherAlgorithmsAreRefused() throws {
        let longSecret = TestJWT.secretA + TestJWT.secretA
        let validator = try self.validator()
        for algorithm: JWSAlgorithm in [.hs384, .hs512] {
            let token = TestJWT.sign(TestJWT.messagingClaims(), secret: longSecret, algorithm: algorithm)
            let error = #expect(throws: JWTError.self) { try validator.validate(token) }
            #expect(error?.code == .algorithmNotAllowed)
        }
        // An unsigned token never verifies.
        let unsigned = Secret("eyJhbGciOiJub25lIiwia2lkIjoiYXBwXzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2NyJ9.eyJzY29wZSI6InVzZXIifQ.")
        #expect(throws: JWTError.self) { try validator.validate(unsigned) }
    }

    @Test func replayedTokenIsAcceptedAgainBecauseTheWidgetResendsIt() throws {
        let validator = try self.validator()
        let token = TestJWT.sign(TestJWT.messagingClaims())
        #expect(try validator.validate(token).subject == validator.validate(token).subject)
    }

    @Test func oversizedTokenIsRefusedBeforeVerifying() throws {
        let padding = JSONValue.string(String(repeating: "x", count: 10_000))
        try self.expectJWTError(.tokenTooLarge, TestJWT.sign(TestJWT.messagingClaims(["padding": padding])))
    }

    @Test func malformedTokensAreRefused() throws {
        let validator = try self.validator()
        for text in ["", "not-a-jwt", "a.b", "a.b.c", "....", "eyJ9.eyJ9.sig"] {
            #expect(throws: JWTError.self) { try validator.validate(Secret(text)) }
        }
    }

    @Test func zendeskClaimRulesAreEnforced() throws {
        try self.expectClaimsError("scope", TestJWT.sign(TestJWT.messagingClaims(["scope": "app"])))
        try self.expectClaimsError("external_id", TestJWT.sign(TestJWT.messagingClaims(["external_id": ""])))
        try self.expectClaimsError("external_id", TestJWT.sign(TestJWT.messagingClaims(["external_id": .string(String(repeating: "e", count: 256))])))
        try self.expectClaimsError("external_id", TestJWT.sign(TestJWT.messagingClaims(["external_id": true])))
        // A number is an id too (Zendesk's samples show numeric ids), taken as its decimal text.
        #expect(try self.validator().validate(TestJWT.sign(TestJWT.messagingClaims(["external_id": 42]))).subject == "42")
        // Beyond 2^53 a number is not exact: two customers could get one id, so it must be a string.
        try self.expectClaimsError("external_id", TestJWT.sign(TestJWT.messagingClaims(["external_id": 9_007_199_254_740_993])))
        try self.expectClaimsError("external_id", TestJWT.sign(TestJWT.messagingClaims(["external_id": 4.5])))
        try self.expectJWTError(.missingClaim, TestJWT.sign(TestJWT.messagingClaims(removing: ["external_id"])))
        try self.expectJWTError(.missingClaim, TestJWT.sign(TestJWT.messagingClaims(removing: ["exp"])))
        try self.expectJWTError(.missingClaim, TestJWT.sign(TestJWT.messagingClaims(removing: ["scope"])))
    }

    @Test func lifetimeIsCapped() throws {
        let validator = try self.validator(maximumLifetime: .seconds(3600))
        let token = TestJWT.sign(TestJWT.messagingClaims(["exp": .number(TestJWT.now + 7200)]))
        let error = #expect(throws: ZendeskError.self) { try validator.validate(token) }
        #expect(error?.field == "exp")
    }

    @Test func configurationIsChecked() throws {
        let eleven = (0..<11).map { ZendeskSigningKey(keyID: "app_\($0)", secret: Secret(TestJWT.secretA)) }
        let tooMany = #expect(throws: ZendeskError.self) { try ZendeskMessagingJWTValidator(configuration: .init(signingKeys: eleven)) }
        #expect(tooMany?.code == .invalidConfiguration)
        #expect(throws: ZendeskError.self) { try ZendeskMessagingJWTValidator(configuration: .init(signingKeys: [])) }
        let short = #expect(throws: JWTError.self) {
            try ZendeskMessagingJWTValidator(configuration: .init(signingKeys: [ZendeskSigningKey(keyID: "k", secret: Secret("short"))]))
        }
        #expect(short?.code == .keyTooSmall)
    }

    @Test func errorsNeverQuoteTheToken() throws {
        let validator = try self.validator()
        let token = TestJWT.sign(TestJWT.messagingClaims(["scope": "app"]))
        do {
            _ = try validator.validate(token)
            Issue.record("expected a failure")
        } catch {
            #expect(!"\(error)".contains(token.revealed))
            #expect(!"\(error)".contains(TestJWT.secretA))
        }
    }
}
