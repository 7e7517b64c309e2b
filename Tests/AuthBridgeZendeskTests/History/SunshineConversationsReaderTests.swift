import AuthBridgeCore
import AuthBridgeTesting
import Hummingbird
import Testing

@testable import AuthBridgeZendesk

@Suite("Sunshine Conversations history over the emulator")
struct SunshineConversationsReaderTests {
    private static let messages = EmulatorRoute(.get, "/sc/v2/apps/:app/conversations/:conversation/messages")

    private func reader(_ fixture: ZendeskFixture, maximumPages: Int = 10, maximumMessages: Int = 1000, secret: String = "sc-secret") throws
        -> SunshineConversationsReader
    {
        let configuration = SunshineConversationsReader.Configuration(
            baseURL: try fixture.baseURL,
            appID: "app-1",
            maximumPages: maximumPages,
            maximumMessages: maximumMessages
        )
        return SunshineConversationsReader(
            configuration: configuration,
            credential: SunshineConversationsCredential(keyID: "app_key", secret: Secret(secret)),
            http: fixture.http()
        )
    }

    private func seed(_ fixture: ZendeskFixture, count: Int) {
        fixture.emulator.addSunshineKey(keyID: "app_key", secret: Secret("sc-secret"))
        fixture.emulator.addMessages(ZendeskEmulator.sampleMessages(count: count), conversationID: "conv-1", appID: "app-1")
        fixture.emulator.addUser(ZendeskEmulator.sampleUser(), appID: "app-1")
    }

    @Test func aMultiPageConversationIsReadWholeAndInOrder() async throws {
        try await ZendeskFixture.run { fixture in
            self.seed(fixture, count: 250)
            let history = try await self.reader(fixture).read(conversationID: "conv-1", userID: "customer-42", logger: fixture.logger)
            #expect(history.transcript.messages.map(\.originalID) == (0..<250).map { "msg-\($0)" })
            #expect(!history.transcript.isTruncated)
            #expect(history.transcript.source == "zendesk.messaging")
            #expect(history.transcript.messages[0].role == .customer)
            #expect(history.transcript.messages[1].role == .agent)
            #expect(history.transcript.messages[0].text == "message 0")
            let calls = fixture.emulator.calls.calls(matching: Self.messages)
            #expect(calls.count == 3)
            #expect(calls[0].queryValue("page[before]") == nil)
            #expect(calls[1].queryValue("page[before]") != nil)
            #expect(calls.allSatisfy { $0.header("Authorization")?.hasPrefix("Basic ") == true })
            // The whole Basic credential (base64 of "app_key:sc-secret") never shows in a description.
            let basic = try #require(calls.first?.header("Authorization"))
            #expect(basic.contains("YXBwX2tleTpzYy1zZWNyZXQ"))
            #expect(!"\(calls)".contains("YXBwX2tleTpzYy1zZWNyZXQ") && !"\(calls)".contains("sc-secret"))

            #expect(history.context.sourceUserID == "user-1")
            #expect(history.context.externalID == "customer-42")
            #expect(history.context.name == "Ada Visitor")
            #expect(history.context.email == "ada@example.com")
            #expect(history.context.attributes["authenticated"] == true)
        }
    }

    @Test func pagingStopsAtTheCaps() async throws {
        try await ZendeskFixture.run { fixture in
            self.seed(fixture, count: 250)
            let byPages = try await self.reader(fixture, maximumPages: 2).read(conversationID: "conv-1", userID: nil, logger: fixture.logger)
            #expect(byPages.transcript.messages.count == 200)
            #expect(byPages.transcript.messages.first?.originalID == "msg-50")
            #expect(byPages.transcript.isTruncated)
            #expect(byPages.context == CustomerContext())

            let byMessages = try await self.reader(fixture, maximumMessages: 120).read(conversationID: "conv-1", userID: nil, logger: fixture.logger)
            #expect(byMessages.transcript.messages.count == 120)
            #expect(byMessages.transcript.messages.last?.originalID == "msg-249")
            #expect(byMessages.transcript.isTruncated)
        }
    }

    @Test func anEmptyConversation() async throws {
        try await ZendeskFixture.run { fixture in
            self.seed(fixture, count: 0)
            let history = try await self.reader(fixture).read(conversationID: "conv-1", userID: nil, logger: fixture.logger)
            #expect(history.transcript.messages.isEmpty)
            #expect(!history.transcript.isTruncated)
            #expect(fixture.emulator.calls.count(matching: Self.messages) == 1)
        }
    }

    @Test func everyContentTypeAndAuthorIsKept() async throws {
        try await ZendeskFixture.run { fixture in
            fixture.emulator.addSunshineKey(keyID: "app_key", secret: Secret("sc-secret"))
            fixture.emulator.addMessages(
                [
                    [
                        "id": "a", "received": "2026-11-25T10:00:00.000Z",
                        "author": ["type": "business", "subtypes": ["AI"], "displayName": "Answer Bot"], "content": ["type": "text", "text": "Hi"],
                    ],
                    [
                        "id": "b", "received": "2026-11-25T10:00:01.000Z", "author": ["type": "user", "userId": "user-1"],
                        "content": ["type": "image", "mediaUrl": "https://media.example/a.png", "mediaType": "image/png", "text": "my receipt"],
                    ],
                    [
                        "id": "c", "received": "2026-11-25T10:00:02.000Z", "author": ["type": "business", "displayName": "Bo"],
                        "content": ["type": "carousel", "items": [["title": "Shoes"]]],
                    ],
                    [
                        "id": "d", "received": "2026-11-25T10:00:03.000Z", "author": ["type": "system"],
                        "content": ["type": "hologram", "text": "from the future"],
                    ],
                ],
                conversationID: "conv-2",
                appID: "app-1"
            )
            let history = try await self.reader(fixture).read(conversationID: "conv-2", userID: nil, logger: fixture.logger)
            let messages = history.transcript.messages
            #expect(messages.map(\.role) == [.bot, .customer, .agent, .system])
            #expect(messages.map(\.originalType) == ["text", "image", "carousel", "hologram"])
            #expect(messages[1].attachments.first?.url == "https://media.example/a.png")
            #expect(messages[1].text == "my receipt")
            #expect(messages[2].details["content"]?["items"] == [["title": "Shoes"]])
            #expect(messages[3].text == "from the future")
        }
    }

    @Test func wrongKeyAndMissingConversation() async throws {
        try await ZendeskFixture.run { fixture in
            self.seed(fixture, count: 3)
            let unauthorized = await #expect(throws: ZendeskError.self) {
                try await self.reader(fixture, secret: "nope").read(conversationID: "conv-1", userID: nil, logger: fixture.logger)
            }
            #expect(unauthorized?.code == .unauthorized)
            #expect(unauthorized?.zendeskError == "unauthorized")
            let missing = await #expect(throws: ZendeskError.self) {
                try await self.reader(fixture).read(conversationID: "conv-404", userID: nil, logger: fixture.logger)
            }
            #expect(missing?.code == .notFound)
            #expect(missing?.zendeskError == "conversation_not_found")
        }
    }
}
