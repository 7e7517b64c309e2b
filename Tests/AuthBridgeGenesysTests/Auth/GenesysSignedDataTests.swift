import AuthBridgeCore
import AuthBridgeGenesys
import AuthBridgeJWT
import AuthBridgeTesting
import Hummingbird
import Testing

@Suite struct GenesysSignedDataTests {
    @Test func aMemberTokenCarriesTheVerifiedIdentity() async throws {
        try await GenesysFixture.with { fixture in
            let session = VerifiedSession(
                subject: "zd-42",
                name: "Ada Lovelace",
                email: "ada@example.com",
                isEmailVerified: true,
                credentialKind: .messagingJWT
            )
            let token = try await fixture.genesys.memberToken(for: session, additionalClaims: ["sub": "spoofed", "locale": "en"])
            #expect("\(token)" == "GenesysMemberToken(<redacted>)")
            let claimsText = try #require(fixture.emulator.verifiedClaims(of: token.jwt.revealed))
            let claims = try #require(try JSONValue(parsing: claimsText).objectValue)
            #expect(claims["sub"] == "zd-42")
            #expect(claims["name"] == "Ada Lovelace")
            #expect(claims["email"] == "ada@example.com")
            #expect(claims["email_verified"] == true)
            #expect(claims["authorized"] == true)
            #expect(claims["locale"] == "en")
        }
    }

    @Test func aClientWithoutTheSignaturePermissionGetsAPermanent403() async throws {
        let configuration = GenesysEmulator.Configuration(
            clients: [.init(id: "emulator-client", secret: "emulator-secret", canSignData: false)], legacyWebChat: true)
        try await GenesysFixture.with(configuration) { fixture in
            do {
                _ = try await fixture.genesys.memberToken(for: VerifiedSession(subject: "u", credentialKind: .messagingJWT))
                Issue.record("expected an error")
            } catch let error as GenesysError {
                #expect(error.code == .forbidden)
                #expect(error.kind == .permanent)
                #expect(error.genesysCode == "missing.permissions")
                #expect(error.contextID != nil)
            }
            #expect(fixture.emulator.calls.count(matching: EmulatorRoute(.post, "/api/v2/signeddata")) == 1)
        }
    }

    @Test func transientFailuresOfSigningAreRetriedAndSizeCapsHold() async throws {
        try await GenesysFixture.with { fixture in
            fixture.emulator.faults.inject(.respond(status: .badGateway), on: EmulatorRoute(.post, "/api/v2/signeddata"), count: .times(2))
            _ = try await fixture.genesys.memberToken(for: VerifiedSession(subject: "u", credentialKind: .messagingJWT))
            #expect(fixture.emulator.calls.count(matching: EmulatorRoute(.post, "/api/v2/signeddata")) == 3)

            fixture.emulator.faults.inject(.oversizedBody(byteCount: 2 << 20), on: EmulatorRoute(.post, "/api/v2/signeddata"))
            let tooLarge = await #expect(throws: GenesysError.self) {
                _ = try await fixture.genesys.memberToken(for: VerifiedSession(subject: "u", credentialKind: .messagingJWT))
            }
            #expect(tooLarge?.code == .responseTooLarge)
            fixture.emulator.faults.inject(.malformedBody, on: EmulatorRoute(.post, "/api/v2/signeddata"))
            do {
                _ = try await fixture.genesys.memberToken(for: VerifiedSession(subject: "u", credentialKind: .messagingJWT))
                Issue.record("expected an error")
            } catch let error as GenesysError {
                #expect(error.code == .malformedResponse)
            }
        }
    }
}
