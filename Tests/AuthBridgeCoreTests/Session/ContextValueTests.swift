import AuthBridgeCore
import Foundation
import Testing

@Suite("ContextValue and VerifiedSession")
struct ContextValueTests {
    @Test func roundTripsThroughJSON() throws {
        let value: ContextValue = ["plan": "gold", "seats": 12, "ratio": 0.5, "tags": ["a", "b"], "vip": true, "none": nil]
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(ContextValue.self, from: data) == value)
        #expect(value["plan"]?.stringValue == "gold")
        #expect(value["seats"]?.numberValue == 12)
        #expect(value["vip"]?.boolValue == true)
        #expect(value["none"] == .null)
        #expect(value["missing"] == nil)
    }

    @Test func decodesArbitraryClaims() throws {
        let json = #"{"external_id":"42","nested":{"x":[1,"two",false,null]}}"#
        let value = try JSONDecoder().decode([String: ContextValue].self, from: Data(json.utf8))
        #expect(value["nested"]?["x"] == [1, "two", false, nil])
    }

    @Test func verifiedSessionKeepsClaims() {
        let session = VerifiedSession(
            subject: "ext-42", name: "Ada", email: "ada@example.com", isEmailVerified: true,
            credentialKind: .messagingJWT, expiresAt: 1_900_000_000, context: ["plan": "gold"])
        #expect(session.credentialKind.description == "messagingJWT")
        #expect(session.context["plan"] == "gold")
        #expect(session != VerifiedSession(subject: "ext-42", credentialKind: .ssoJWT))
    }
}
