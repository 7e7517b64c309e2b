import AuthBridgeServer
import Testing

@Suite struct ServerExportsTests {
    @Test func serverReExportsTheBridge() {
        #expect(CredentialKind.messagingJWT != CredentialKind.ssoJWT)
    }
}
