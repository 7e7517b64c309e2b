import AuthBridge
import AuthBridgeCore
import AuthBridgeTesting
import Foundation
import Hummingbird
import Testing

/// The customer's earlier Zendesk conversations are found from who the verified session says they are,
/// for each credential kind, and carried as the contact's notes; nothing a page names is needed.
@Suite struct HistoryFoundFromTheCustomerTests {
    static let messaging = "authbridge-transcript:zendesk.messaging/\(BridgeFixture.sunshineConversationID)"
    static let chat = "authbridge-transcript:zendesk.chat/\(BridgeFixture.chatID)"

    /// Starts legacy web chat (it carries the context before answering) and returns the contact's notes.
    private func notes(_ fixture: BridgeFixture, _ kind: CredentialKind, history: HistoryReference? = nil) async throws -> String {
        let credential = try BridgeFixture.credential(kind)
        _ = try await fixture.bridge.start(WidgetRequest(credential: credential, credentialKind: kind, widget: .webChat, history: history))
        return fixture.genesys.contacts.flatMap(\.notes).joined(separator: "\n")
    }

    @Test func aMessagingSessionFindsItsConversationsAndItsChatsByItsVerifiedEmail() async throws {
        try await BridgeFixture.with(sunshine: true) { fixture in
            let notes = try await self.notes(fixture, .messagingJWT)
            #expect(notes.contains(Self.messaging))
            // The Messaging JWT says email_verified: true, so Chat is searched by it.
            #expect(notes.contains(Self.chat))
            // What the demo shows too: an activity line, a form response and an attachment marker.
            let lines = notes.split(separator: "\n")
            #expect(lines.contains { $0.hasPrefix("[system]") && $0.hasSuffix("(the Zendesk ticket was closed)") })
            #expect(notes.contains("Order number: 42"))
            #expect(notes.contains("[attachment receipt.pdf, application/pdf, 48213 bytes, needs Zendesk access]"))
            // The older conversation's notes come first.
            let chatAt = try #require(notes.range(of: Self.chat)).lowerBound
            let messagingAt = try #require(notes.range(of: Self.messaging)).lowerBound
            #expect(chatAt < messagingAt)
        }
    }

    @Test func aChatVisitorIsFoundInChatOnlyWhenItsEmailCountsAsVerified() async throws {
        try await BridgeFixture.with(sunshine: true) { fixture in
            let notes = try await self.notes(fixture, .chatVisitorJWT)
            // Its external id finds the Messaging user; its unverified email searches nothing.
            #expect(notes.contains(Self.messaging))
            #expect(!notes.contains(Self.chat))
            #expect(fixture.zendesk.calls.count(matching: EmulatorRoute(.get, "/api/v2/chat/chats/search")) == 0)
        }
        try await BridgeFixture.with(emailVerified: true) { fixture in
            let notes = try await self.notes(fixture, .chatVisitorJWT)
            #expect(notes.contains(Self.chat))
        }
    }

    @Test func anSSOSessionFindsItsMessagingConversationsByExternalID() async throws {
        try await BridgeFixture.with(sunshine: true) { fixture in
            let notes = try await self.notes(fixture, .ssoJWT)
            #expect(notes.contains(Self.messaging))
            #expect(!notes.contains(Self.chat))
        }
    }

    /// An OAuth token names only the Zendesk user: Support says who that is (external id, verified email),
    /// and that finds the history.
    @Test func anOAuthSessionFindsItsHistoryThroughItsSupportUser() async throws {
        try await BridgeFixture.with(sunshine: true) { fixture in
            // Its Messaging history by the Support user's external id; a page's Chat hint is not carried: the
            // user-level `verified` flag does not make the email verified, and a Chat has nothing else.
            let notes = try await self.notes(fixture, .oauthToken, history: .zendeskChat(chatID: BridgeFixture.chatID))
            #expect(notes.contains(Self.messaging))
            #expect(!notes.contains(Self.chat))
            #expect(fixture.logText.contains("another customer"))
            #expect(fixture.zendesk.calls.count(matching: EmulatorRoute(.get, "/api/v2/users/:id")) == 1)
        }
    }

    /// With no Support user to say who it is, nothing is searched, and a page's hint is carried only
    /// because the Messaging user names this Zendesk user.
    @Test func anOAuthSessionCarriesAHintThatNamesItsZendeskUser() async throws {
        try await BridgeFixture.with(sunshine: true, supportUserKnown: false) { fixture in
            let hint = HistoryReference.sunshineConversation(conversationID: BridgeFixture.sunshineConversationID, userID: "user-1")
            let notes = try await self.notes(fixture, .oauthToken, history: hint)
            #expect(notes.contains(Self.messaging))
            #expect(!notes.contains(Self.chat))
            #expect(fixture.zendesk.calls.count(matching: EmulatorRoute(.get, "/sc/v2/apps/:app/conversations")) == 0)
        }
    }

    @Test func aHintFoundAgainIsCarriedOnce() async throws {
        try await BridgeFixture.with(sunshine: true) { fixture in
            let hint = HistoryReference.sunshineConversation(conversationID: BridgeFixture.sunshineConversationID, userID: nil)
            let notes = try await self.notes(fixture, .messagingJWT, history: hint)
            #expect(notes.components(separatedBy: "\(Self.messaging) part 1/").count == 2)
            // The hint itself was accepted (it is this customer's), not only found again.
            #expect(!fixture.logText.contains("another customer"))
        }
    }

    /// A page naming someone else's conversation, with the customer's own user id beside it, carries
    /// nothing of it: the page's user id is never trusted.
    @Test func anotherCustomersConversationIsNotCarriedWhateverUserIDThePageNames() async throws {
        try await BridgeFixture.with(sunshine: true) { fixture in
            fixture.zendesk.addUser(ZendeskEmulator.sampleUser(id: "user-2", externalID: "mallory-1"), appID: "app-1")
            let theirs = ZendeskEmulator.sampleMessages(count: 2, userID: "user-2")
            fixture.zendesk.addMessages(theirs, conversationID: "conv-mallory", appID: "app-1")
            let hint = HistoryReference.sunshineConversation(conversationID: "conv-mallory", userID: "user-1")
            let notes = try await self.notes(fixture, .messagingJWT, history: hint)
            #expect(!notes.contains("conv-mallory"))
            #expect(notes.contains(Self.messaging))
            #expect(fixture.logText.contains("another customer"))
        }
    }

    /// The Support ticket behind the newest conversation (the Messaging user's newest messaging ticket)
    /// reaches the agent's participant data.
    @Test func theTicketBehindTheNewestConversationReachesTheAgent() async throws {
        try await BridgeFixture.with(sunshine: true) { fixture in
            let credential = try BridgeFixture.credential(.messagingJWT)
            guard
                case .guestChat(let guest) = try await fixture.bridge.start(
                    WidgetRequest(credential: credential, credentialKind: .messagingJWT, widget: .guestChat))
            else { Issue.record("not a guest chat"); return }
            let conversation = try #require(fixture.genesys.conversations.first { $0.id == guest.conversationID })
            #expect(conversation.participantAttributes["zendeskTicketId"] == "4243")
            #expect(conversation.participantAttributes["zendeskTicketSubject"] == "Order 42 is late")
            #expect(conversation.participantAttributes["zendeskTicketStatus"] == "open")
            #expect(conversation.participantAttributes["zendeskTicketField360001"] == "order-42")
            #expect(conversation.participantAttributes["zendeskTicketField360003"] == nil)
        }
    }
}
