import AuthBridgeCore
import AuthBridgeJWT
import AuthBridgeZendesk
import Logging
import Testing

@Suite("Support SSO JWT")
struct ZendeskSSOJWTValidatorTests {
    private static let secret = "sso-shared-secret-0123456789abcdef0123456789"
    private let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    private func validator(store: any ReplayStore = InMemoryReplayStore(maximumEntries: 100)) throws -> ZendeskSSOJWTValidator {
        try ZendeskSSOJWTValidator(configuration: .init(sharedSecret: Secret(Self.secret), clock: TestJWT.clock), replayStore: store)
    }

    private func sign(_ extra: JSONObject = [:], removing: Set<String> = [], secret: String = secret, algorithm: JWSAlgorithm = .hs256) -> Secret {
        var claims: JSONObject = [
            "iat": .number(TestJWT.now - 30), "jti": .string("jti-\(UInt64.random(in: 0...UInt64.max))"),
            "name": "Ada Visitor", "email": "ada@example.com", "external_id": "customer-42", "role": "end_user",
            "tags": ["vip"],
        ]
        for (name, value) in extra { claims[name] = value }
        for name in removing { claims[name] = nil }
        return TestJWT.sign(claims, secret: secret, keyID: nil, algorithm: algorithm)
    }

    private func jwtCode(_ token: Secret) async throws -> JWTError.Code? {
        let validator = try self.validator()
        do {
            _ = try await validator.validate(token, logger: self.logger)
            return nil
        } catch let error as JWTError {
            return error.code
        }
    }

    @Test func validTokenOnce() async throws {
        let validator = try self.validator()
        let token = self.sign()
        let session = try await validator.validate(token, logger: self.logger)
        #expect(session.subject == "customer-42")
        #expect(session.credentialKind == .ssoJWT)
        #expect(session.context["role"] == "end_user")
        #expect(session.context["tags"] == ["vip"])
        #expect(session.expiresAt == TestJWT.now - 30 + 210)
        #expect(session.authenticatedAt == TestJWT.now - 30)

        let replay = await #expect(throws: ZendeskError.self) { try await validator.validate(token, logger: self.logger) }
        #expect(replay?.code == .replayedToken)
    }

    @Test func aForgedTokenDoesNotBurnTheJTI() async throws {
        let validator = try self.validator()
        let forged = self.sign(["jti": "shared"], secret: TestJWT.secretA)
        await #expect(throws: JWTError.self) { try await validator.validate(forged, logger: self.logger) }
        _ = try await validator.validate(self.sign(["jti": "shared"]), logger: self.logger)
    }

    @Test func staleFutureExpiredWrongKeyWrongAlgorithm() async throws {
        #expect(try await self.jwtCode(self.sign(["iat": .number(TestJWT.now - 400)])) == .tooOld)
        #expect(try await self.jwtCode(self.sign(["iat": .number(TestJWT.now + 400)])) == .issuedInFuture)
        #expect(try await self.jwtCode(self.sign(["exp": .number(TestJWT.now - 100)])) == .expired)
        #expect(try await self.jwtCode(self.sign(["nbf": .number(TestJWT.now + 100)])) == .notYetValid)
        #expect(try await self.jwtCode(self.sign(secret: TestJWT.secretB)) == .badSignature)
        let wrong = try await self.jwtCode(self.sign(secret: Self.secret + Self.secret, algorithm: .hs384))
        #expect(wrong == .algorithmNotAllowed)
        #expect(
            try await self.jwtCode(TestJWT.sign(["iat": .number(TestJWT.now), "jti": "x", "email": "a@b.c"], secret: Self.secret, keyID: "kid-1"))
                == .keyNotFound)
        #expect(try await self.jwtCode(self.sign(removing: ["jti"])) == .missingClaim)
        #expect(try await self.jwtCode(self.sign(removing: ["iat"])) == .missingClaim)
    }

    @Test func oversizedAndMalformed() async throws {
        #expect(try await self.jwtCode(self.sign(["p": .string(String(repeating: "x", count: 10_000))])) == .tokenTooLarge)
        #expect(try await self.jwtCode(Secret("x.y.z")) != nil)
    }

    @Test func identityIsRequired() async throws {
        let error = await #expect(throws: ZendeskError.self) {
            try await self.validator().validate(self.sign(removing: ["email", "external_id"]), logger: self.logger)
        }
        #expect(error?.code == .invalidClaims)
    }

    @Test func aFullReplayStoreRejects() async throws {
        let validator = try self.validator(store: InMemoryReplayStore(maximumEntries: 1))
        _ = try await validator.validate(self.sign(), logger: self.logger)
        await #expect(throws: AuthBridgeError.self) { try await validator.validate(self.sign(), logger: self.logger) }
    }
}
