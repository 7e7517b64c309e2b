import AuthBridgeCore
import AuthBridgeJWT
import AuthBridgeZendesk
import Testing

@Suite("Chat visitor JWT")
struct ZendeskChatVisitorJWTValidatorTests {
    private static let current = "chat-current-secret-0123456789abcdef012345"
    private static let previous = "chat-previous-secret-0123456789abcdef01234"

    private func validator(previousUntil: Double? = TestJWT.now + 3600) throws -> ZendeskChatVisitorJWTValidator {
        try ZendeskChatVisitorJWTValidator(
            configuration: .init(
                sharedSecret: Secret(Self.current),
                previousSecret: Secret(Self.previous),
                previousSecretAcceptedUntil: previousUntil,
                clock: TestJWT.clock
            )
        )
    }

    private func claims(_ extra: JSONObject = [:], removing: Set<String> = []) -> JSONObject {
        var claims: JSONObject = [
            "name": "Ada Visitor", "email": "ada@example.com", "external_id": "customer-42",
            "iat": .number(TestJWT.now - 5), "exp": .number(TestJWT.now + 300),
        ]
        for (name, value) in extra { claims[name] = value }
        for name in removing { claims[name] = nil }
        return claims
    }

    private func sign(_ claims: JSONObject, secret: String = current, keyID: String? = nil, algorithm: JWSAlgorithm = .hs256) -> Secret {
        TestJWT.sign(claims, secret: secret, keyID: keyID, algorithm: algorithm)
    }

    private func code(_ token: Secret, previousUntil: Double? = TestJWT.now + 3600) throws -> JWTError.Code? {
        let validator = try self.validator(previousUntil: previousUntil)
        return #expect(throws: JWTError.self) { try validator.validate(token) }?.code
    }

    @Test func validToken() throws {
        let session = try self.validator().validate(self.sign(self.claims(["department": "Sales"])))
        #expect(session.subject == "customer-42")
        #expect(session.email == "ada@example.com")
        #expect(!session.isEmailVerified)
        #expect(session.credentialKind == .chatVisitorJWT)
        #expect(session.context["department"] == "Sales")
    }

    @Test func emailIsTheSubjectWithoutExternalID() throws {
        let session = try self.validator().validate(self.sign(self.claims(removing: ["external_id"])))
        #expect(session.subject == "ada@example.com")
        let error = #expect(throws: ZendeskError.self) {
            try self.validator().validate(self.sign(self.claims(removing: ["external_id", "email"])))
        }
        #expect(error?.code == .invalidClaims)
    }

    @Test func previousSecretWorksOnlyInsideTheRotationWindow() throws {
        let token = self.sign(self.claims(), secret: Self.previous)
        #expect(try self.validator().validate(token).subject == "customer-42")
        #expect(try self.code(token, previousUntil: TestJWT.now - 1) == .badSignature)
        #expect(try self.code(token, previousUntil: nil) == .badSignature)
    }

    @Test func expiredNotYetValidWrongKeyWrongKidWrongAlgorithm() throws {
        #expect(try self.code(self.sign(self.claims(["exp": .number(TestJWT.now - 100)]))) == .expired)
        #expect(try self.code(self.sign(self.claims(["nbf": .number(TestJWT.now + 100)]))) == .notYetValid)
        #expect(try self.code(self.sign(self.claims(["iat": .number(TestJWT.now + 600)]))) == .issuedInFuture)
        #expect(try self.code(self.sign(self.claims(), secret: TestJWT.secretA)) == .badSignature)
        #expect(try self.code(self.sign(self.claims(), keyID: "some-kid")) == .keyNotFound)
        let wrongAlgorithm = try self.code(self.sign(self.claims(), secret: Self.current + Self.current, algorithm: .hs512))
        #expect(wrongAlgorithm == .algorithmNotAllowed)
        #expect(try self.code(self.sign(self.claims(removing: ["exp"]))) == .missingClaim)
    }

    @Test func replayIsAcceptedBecauseTheWidgetSendsTheTokenOnEveryPage() throws {
        let validator = try self.validator()
        let token = self.sign(self.claims())
        _ = try validator.validate(token)
        #expect(try validator.validate(token).subject == "customer-42")
    }

    @Test func oversizedAndMalformedTokens() throws {
        let padding = JSONValue.string(String(repeating: "x", count: 10_000))
        #expect(try self.code(self.sign(self.claims(["p": padding]))) == .tokenTooLarge)
        #expect(try self.code(Secret("a.b.c")) != nil)
        #expect(try self.code(Secret("")) != nil)
    }

    @Test func lifetimeIsCapped() throws {
        let validator = try ZendeskChatVisitorJWTValidator(
            configuration: .init(sharedSecret: Secret(Self.current), maximumLifetime: .seconds(60), clock: TestJWT.clock)
        )
        #expect(throws: ZendeskError.self) { try validator.validate(self.sign(self.claims())) }
    }
}
