import AuthBridge
import AuthBridgeTestSupport
import AuthBridgeTesting
import Testing

/// The messaging context for each Zendesk credential kind: the session each one verifies is bound at
/// Messenger's code, found by its subject, and carried into the conversation.
@Suite struct MessagingContextBridgeTests {
    @Test(arguments: [CredentialKind.messagingJWT, .chatVisitorJWT, .ssoJWT, .oauthToken])
    func everyCredentialKindIsCarried(kind: CredentialKind) async throws {
        // The site vouches for the emails it signs: a Chat is the customer's only by a verified email.
        try await BridgeFixture.with(subjectBindings: true, emailVerified: true) { fixture in
            let credential = kind == .oauthToken ? Secret(BridgeFixture.oauthToken) : try BridgeFixture.credential(kind)
            _ = try await fixture.bridge.start(
                WidgetRequest(
                    credential: credential,
                    credentialKind: kind,
                    widget: .messenger(
                        AuthorizationCodeRequest(clientID: "genesys-messenger", redirectURI: "https://shop.example.com/chat", nonce: "n")),
                    history: .zendeskChat(chatID: BridgeFixture.chatID)
                )
            )
            let subject = kind == .oauthToken ? "zendesk-user:4242" : "customer-42"
            let conversation = fixture.genesys.openMessagingConversation(subject: subject)
            let outcome = try await fixture.bridge.carryMessagingContext(
                MessagingContextRequest(conversationID: conversation.id, subject: subject, isAuthenticated: true))
            #expect(outcome.status == .written, "\(kind)")
            #expect(fixture.genesys.messagingConversation(conversation.id)?.attributes.values.contains(subject) == true)
            #expect(fixture.genesys.messagingConversation(conversation.id)?.contactID == outcome.externalContactID)
            if kind == .oauthToken {
                // An OAuth session carries no email, so a Zendesk Chat cannot be matched to it (issue 18).
                return
            }
            await eventually("the earlier chat lands as notes") {
                fixture.genesys.messagingConversation(conversation.id)?.contactNotes.isEmpty == false
            }
        }
    }
}
