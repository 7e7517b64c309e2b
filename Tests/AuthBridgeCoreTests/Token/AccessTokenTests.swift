import Testing

@testable import AuthBridgeCore

@Suite("AccessToken")
struct AccessTokenTests {
    let token = AccessToken(
        value: Secret("tok-secret-123"),
        type: "Bearer",
        expiresIn: .seconds(3600),
        scopes: ["conversations", "users"],
        metadata: ["organizationId": "org-9"]
    )

    @Test func exposesItsFields() {
        #expect(self.token.value.revealed == "tok-secret-123")
        #expect(self.token.type == "Bearer")
        #expect(self.token.expiresIn == .seconds(3600))
        #expect(self.token.scopes == ["conversations", "users"])
        #expect(self.token.metadata["organizationId"] == "org-9")
    }

    @Test func neverPrintsItsValue() {
        #expect(!self.token.description.contains("tok-secret"))
        #expect(self.token.description.contains("<redacted>"))
        #expect(!String(reflecting: self.token).contains("tok-secret"))
        var dumped = ""
        dump(self.token, to: &dumped)
        #expect(!dumped.contains("tok-secret"))
        #expect(dumped.contains("organizationId"))
    }

    @Test func replicaIsEqualButHasItsOwnStorage() {
        let replica = self.token.replica()
        #expect(replica == self.token)
        #expect(!replica.isIdentical(to: self.token))
        #expect(self.token.withExpiresIn(.seconds(5)).expiresIn == .seconds(5))
        #expect(self.token.withExpiresIn(.seconds(5)) != self.token)
    }
}
