import AuthBridgeCore
import AuthBridgeTesting
import Foundation
import Hummingbird
import Testing

@testable import AuthBridgeZendesk

@Suite("Sunshine Conversations history over the emulator")
struct SunshineConversationsReaderTests {
    private static let messages = EmulatorRoute(.get, "/sc/v2/apps/:app/conversations/:conversation/messages")

    private func reader(
        _ fixture: ZendeskFixture,
        brandID: String? = nil,
        maximumPages: Int = 10,
        maximumMessages: Int = 1000,
        secret: String = "sc-secret"
    ) throws -> SunshineConversationsReader {
        let configuration = SunshineConversationsReader.Configuration(
            baseURL: try fixture.baseURL,
            appID: "app-1",
            brandID: brandID,
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
            #expect(history.transcript.messages.map(\.originalID) == (0..<250).map(ZendeskEmulator.sunshineID))
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
            #expect(byPages.transcript.messages.first?.originalID == ZendeskEmulator.sunshineID(50))
            #expect(byPages.transcript.isTruncated)
            #expect(byPages.context == CustomerContext())

            let byMessages = try await self.reader(fixture, maximumMessages: 120).read(conversationID: "conv-1", userID: nil, logger: fixture.logger)
            #expect(byMessages.transcript.messages.count == 120)
            #expect(byMessages.transcript.messages.last?.originalID == ZendeskEmulator.sunshineID(249))
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

    /// One message of every kind the spec defines, each a readable line with its role: nothing dropped.
    @Test func everyContentTypeAuthorAndActivityIsKept() async throws {
        try await ZendeskFixture.run { fixture in
            fixture.emulator.addSunshineKey(keyID: "app_key", secret: Secret("sc-secret"))
            fixture.emulator.addMessages(ZendeskEmulator.sampleConversation(), conversationID: "conv-2", appID: "app-1")
            let history = try await self.reader(fixture).read(conversationID: "conv-2", userID: nil, logger: fixture.logger)
            let lines = history.transcript.messages.map { "\($0.role)|\($0.originalType)|\($0.text ?? "")" }
            #expect(
                lines == [
                    "bot|text|Hi! How can I help? [Order status] [Help center (https://help.example/)]",
                    "bot|form|form: Order number",
                    "customer|formResponse|Order number: 42",
                    "customer|file|receipt.pdf",
                    "customer|location|location: Karl Johans gate 1, Oslo (59.9139, 10.7522)",
                    "agent|carousel|carousel: Blue shoes [Buy (https://shop.example/1)]",
                    "agent|list|list: Return | Refund",
                    "agent|template|template message shipping_update",
                    "agent|text|Your order ships today.",
                    "customer|text|(replying to \"Your order ships today.\") Thanks!",
                    "customer|text|(message deleted)",
                    "system|text|Conversation transferred to Support",
                    "system|activity:ticket:closed|(the Zendesk ticket was closed)",
                    "agent|hologram|unsupported message type hologram: from the future",
                ]
            )
            let file = try #require(history.transcript.messages[3].attachments.first)
            #expect(file.mediaType == "application/pdf")
            #expect(file.byteCount == 48213)
            #expect(file.requiresSourceAccess)
            #expect(history.transcript.messages[12].details["activity"]?["data"]?["ticketId"] == "4242")
            #expect(history.transcript.messages.allSatisfy { $0.timestamp != nil })
        }
    }

    @Test func theVerifiedEmailIdentityIsTheCustomersEmail() {
        let user: ContextValue = [
            "id": "u1", "externalId": "customer-42", "brandId": "9477922990333",
            "profile": ["givenName": "Ada", "email": "typed@example.com"],
            "identities": [["type": "phone", "value": "+4712345678"], ["type": "email", "value": "ada@example.com", "verification": "embed"]],
        ]
        let context = SunshineConversationsReader.context(user)
        #expect(context.email == "ada@example.com")
        #expect(context.attributes["brandId"] == "9477922990333")
        #expect(SunshineConversationsReader.context(["profile": ["email": "typed@example.com"]]).email == "typed@example.com")
    }

    /// Conversations one minute apart, the newest last: `conv-0` … `conv-<count-1>`, all the user's.
    private func seedConversations(_ fixture: ZendeskFixture, count: Int, user: ContextValue = ZendeskEmulator.sampleUser()) {
        fixture.emulator.addSunshineKey(keyID: "app_key", secret: Secret("sc-secret"))
        fixture.emulator.addUser(user, appID: "app-1")
        let now = Date().timeIntervalSince1970
        for index in 0..<count {
            let received = ZendeskEmulator.sunshineTime(now - Double(count - index) * 60)
            fixture.emulator.addMessages(
                [
                    [
                        "id": .string(ZendeskEmulator.sunshineID(index)), "received": .string(received),
                        "author": ["type": "user", "userId": "user-1"], "content": ["type": "text", "text": .string("conversation \(index)")],
                    ]
                ],
                conversationID: "conv-\(index)",
                appID: "app-1"
            )
        }
    }

    @Test func theNewestConversationsOfTheUserAreFoundByExternalIDWithinTheWindow() async throws {
        try await ZendeskFixture.run { fixture in
            self.seedConversations(fixture, count: 5)
            let since = Date().timeIntervalSince1970 - 3600
            let found = try await self.reader(fixture).recentHistory(
                externalID: "customer-42", email: nil, maximumConversations: 2, since: since, logger: fixture.logger)
            #expect(found.map(\.transcript.conversationID) == ["conv-4", "conv-3"])
            #expect(found.allSatisfy { $0.context.externalID == "customer-42" && $0.context.email == "ada@example.com" })
            let listed = try #require(fixture.emulator.calls.calls(matching: EmulatorRoute(.get, "/sc/v2/apps/:app/conversations")).first)
            #expect(listed.queryValue("filter[userId]") == "user-1")
            // Older than the window: nothing.
            let none = try await self.reader(fixture).recentHistory(
                externalID: "customer-42", email: nil, maximumConversations: 2, since: Date().timeIntervalSince1970, logger: fixture.logger)
            #expect(none.isEmpty)
            // An unknown customer is no error, just no history.
            let stranger = try await self.reader(fixture).recentHistory(
                externalID: "nobody", email: "nobody@example.com", maximumConversations: 2, since: since, logger: fixture.logger)
            #expect(stranger.isEmpty)
        }
    }

    @Test func aVerifiedEmailIdentityFindsTheUserAndProfileEmailNever() async throws {
        try await ZendeskFixture.run { fixture in
            var user = ZendeskEmulator.sampleUser().members
            user["externalId"] = .null
            user["profile"] = ["givenName": "Ada", "email": "typed@example.com"]
            self.seedConversations(fixture, count: 1, user: .object(user))
            let since = Date().timeIntervalSince1970 - 3600
            let byIdentity = try await self.reader(fixture).recentHistory(
                externalID: nil, email: "ada@example.com", maximumConversations: 3, since: since, logger: fixture.logger)
            #expect(byIdentity.map(\.transcript.conversationID) == ["conv-0"])
            let byProfile = try await self.reader(fixture).recentHistory(
                externalID: nil, email: "typed@example.com", maximumConversations: 3, since: since, logger: fixture.logger)
            #expect(byProfile.isEmpty)
        }
    }

    @Test func aBrandSeparatedUserIsFoundOnlyWithItsBrand() async throws {
        try await ZendeskFixture.run { fixture in
            var user = ZendeskEmulator.sampleUser().members
            user["brandId"] = "9477922990333"
            self.seedConversations(fixture, count: 1, user: .object(user))
            let since = Date().timeIntervalSince1970 - 3600
            let withoutBrand = try await self.reader(fixture).recentHistory(
                externalID: "customer-42", email: "ada@example.com", maximumConversations: 3, since: since, logger: fixture.logger)
            #expect(withoutBrand.isEmpty)
            let withBrand = try await self.reader(fixture, brandID: "9477922990333").recentHistory(
                externalID: "customer-42", email: nil, maximumConversations: 3, since: since, logger: fixture.logger)
            #expect(withBrand.map(\.transcript.conversationID) == ["conv-0"])
            let get = try #require(fixture.emulator.calls.calls(matching: EmulatorRoute(.get, "/sc/v2/apps/:app/users/:user")).last)
            #expect(get.queryValue("brandId") == "9477922990333")
        }
    }

    /// A 429 during a history read is waited out as Zendesk asks (Retry-After), not lost.
    @Test func aRateLimitedPageIsRetriedAfterRetryAfter() async throws {
        try await ZendeskFixture.run { fixture in
            self.seed(fixture, count: 3)
            fixture.emulator.faults.inject(ZendeskEmulator.rateLimitFault(retryAfter: 1), on: Self.messages)
            let history = try await self.reader(fixture).read(conversationID: "conv-1", userID: nil, logger: fixture.logger)
            #expect(history.transcript.messages.count == 3)
            #expect(fixture.emulator.calls.count(matching: Self.messages) == 2)
            // The transport slept what Zendesk asked (the fixture records sleeps instead of sleeping).
            #expect(fixture.recordedSleeps == [.seconds(1)])
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
