import AuthBridgeCore
import AuthBridgeJWT
import Testing

@testable import AuthBridgeOIDC

@Suite("Grant records: the bytes a code or refresh store keeps")
struct GrantRecordTests {
    static func record(session: VerifiedSession = OIDCFixture.session, nonce: String? = "n-0S6_WzA2Mj", challenge: String? = OIDCFixture.challenge)
        -> GrantRecord
    {
        GrantRecord(
            clientID: OIDCFixture.clientID,
            redirectURI: OIDCFixture.redirectURI,
            nonce: nonce,
            codeChallenge: challenge,
            scopes: ["openid", "email", "offline_access"],
            authTime: 1_750_000_000,
            expiresAt: 1_750_000_060.25,
            session: session
        )
    }

    @Test("the record is the documented compact JSON, written member by member")
    func exactBytes() throws {
        let session = VerifiedSession(
            subject: "customer-\"4711\"",
            name: "Ada\nKing",
            email: nil,
            isEmailVerified: false,
            credentialKind: .ssoJWT,
            expiresAt: nil,
            context: [:]
        )
        let text = String(decoding: Self.record(session: session, nonce: nil).encoded(), as: UTF8.self)
        #expect(
            text == #"{"c":"genesys-messenger","r":"https://shop.example.com/chat/callback","s":["openid","email","offline_access"],"#
                + #""at":1750000000,"exp":1750000060.25,"session":{"sub":"customer-\"4711\"","ev":false,"kind":"ssoJWT","ctx":{},"#
                + #""name":"Ada\nKing"},"pc":"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"}"#
        )
    }

    @Test("what is written reads back the same, with and without the optional members")
    func roundTrip() throws {
        for record in [Self.record(), Self.record(nonce: nil, challenge: nil)] {
            #expect(try GrantRecord(decoding: record.encoded()) == record)
        }
        // The context (three members in the fixture) is a JSON object any store tooling can read.
        let parsed = try JSONValue(parsing: String(decoding: Self.record().encoded(), as: UTF8.self))
        #expect(parsed.objectValue?["session"]?.objectValue?["ctx"]?.objectValue?.count == 3)
    }

    @Test("scopes are matched word by word: repeats collapse, unknown or disallowed words are named, openid is required")
    func scopes() throws {
        let all: Set<String> = ["openid", "email", "profile", "offline_access"]
        #expect(try OpenIDProvider.scopes("openid  email openid ", allowed: all) == ["openid", "email"])
        #expect(try OpenIDProvider.scopes("offline_access openid", allowed: all) == ["offline_access", "openid"])
        for (scope, allowed) in [
            ("openid phone", all), ("openid email", ["openid"]), ("openid openidx", all), ("openi", all), ("", all), ("email", all),
        ] {
            #expect(throws: OIDCError.self) { try OpenIDProvider.scopes(scope, allowed: allowed) }
        }
        do {
            _ = try OpenIDProvider.scopes("openid " + String(repeating: "é", count: 30), allowed: all)
            Issue.record("an unknown scope was accepted")
        } catch {
            #expect(error.code == .invalidScope)
            #expect(error.description.contains("éééé"))
        }
    }
}
