import AuthBridge
import Testing

@Suite struct ExportsTests {
    @Test func oneImportReachesEveryModule() throws {
        // Types from Core, JWT, Zendesk, Genesys and OIDC through `import AuthBridge` alone.
        let session = VerifiedSession(subject: "s", credentialKind: .messagingJWT)
        #expect(session.subject == "s")
        #expect(JWSAlgorithm.rs256.description == "RS256")
        #expect(try ZendeskSubdomain("acme").name == "acme")
        #expect(GenesysRegion.all.isEmpty == false)
        #expect(OIDCError.Code.invalidGrant.description == "invalid_grant")
    }
}
