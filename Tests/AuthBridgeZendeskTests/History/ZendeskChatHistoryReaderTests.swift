import AuthBridgeCore
import AuthBridgeTestSupport
import AuthBridgeTesting
import Hummingbird
import Logging
import Metrics
import Testing

@testable import AuthBridgeZendesk

@Suite("Chat history over the emulator")
struct ZendeskChatHistoryReaderTests {
    private static let grants = EmulatorRoute(.post, "/oauth2/chat/token")
    private static let chats = EmulatorRoute(.get, "/api/v2/chat/chats/:id")

    /// A reader whose service token comes from the emulator's client-credentials grant through a broker.
    private func withReader(
        _ fixture: ZendeskFixture,
        secret: String = "client-secret-value",
        _ body: (ZendeskChatHistoryReader<ManualClock>) async throws -> Void
    ) async throws {
        fixture.emulator.addChatClient(ZendeskEmulatorChatClient(identifier: "authbridge", secret: Secret("client-secret-value")))
        let client = ZendeskChatAPIClient(clientID: "authbridge", baseURL: try fixture.baseURL)
        let provider = ZendeskChatTokenProvider(
            client: client,
            clientSecret: Secret(secret),
            httpClient: fixture.client,
            logger: fixture.logger
        )
        let broker = TokenBroker(
            provider: provider,
            configuration: .init(name: "zendesk", retry: .init(maximumAttempts: 1)),
            clock: fixture.clock,
            logger: fixture.logger,
            metricsFactory: NOOPMetricsHandler.instance
        )
        let reader = ZendeskChatHistoryReader(tokens: broker.handle(for: client), http: fixture.http())
        do {
            try await body(reader)
        } catch {
            await broker.shutdown()
            throw error
        }
        await broker.shutdown()
    }

    @Test func aChatWithEveryHistoryTypeAndAnUnknownOne() async throws {
        try await ZendeskFixture.run { fixture in
            fixture.emulator.addChat(ZendeskEmulator.sampleChat())
            try await self.withReader(fixture) { reader in
                let history = try await reader.read(chatID: "1704.2314815.QHgVx6SOrRuSx", logger: fixture.logger)
                let transcript = history.transcript
                #expect(transcript.source == "zendesk.chat")
                #expect(transcript.conversationID == "1704.2314815.QHgVx6SOrRuSx")
                let summary = transcript.messages.map { "\($0.originalType):\($0.role)" }
                #expect(
                    summary == [
                        "chat.memberjoin:system", "chat.msg:customer", "chat.wait_queue:system", "chat.queue_position:system",
                        "chat.memberjoin:system", "chat.msg:agent", "chat.file:customer", "chat.tag:system", "chat.comment:system",
                        "chat.request.rating:system", "chat.rating:system", "chat.msg:bot", "chat.future_event:system",
                        "chat.memberleave:system",
                    ]
                )
                let first = transcript.messages[1]
                #expect(first.text == "Hello, my order is late")
                #expect(first.displayName == "Ada Visitor")
                #expect(first.originalID == "m1")
                #expect(first.timestamp.map { abs($0 - 1_795_600_801) < 0.001 } == true)
                let file = transcript.messages[6]
                #expect(
                    file.attachments == [
                        TranscriptAttachment(
                            url: "https://example.zendesk.com/attachments/receipt.png", name: "receipt.png", mediaType: "image/png", byteCount: 2048)
                    ])
                #expect(transcript.messages[7].details["new_tags"] == ["late-order"])
                #expect(transcript.messages[12].text == "something new")

                let context = history.context
                #expect(context.sourceUserID == "10001.abcDEF")
                #expect(context.name == "Ada Visitor")
                #expect(context.email == "ada@example.com")
                #expect(context.phone == "+4712345678")
                #expect(context.tags == ["late-order"])
                #expect(context.department == "Support")
                #expect(context.departmentID == "7")
                #expect(context.ticketID == "4242")
                #expect(context.pagePath == "https://shop.example/orders/42")
                #expect(context.attributes["session"]?["city"] == "Oslo")
                #expect(context.attributes["visitor_notes"] == "VIP")
                #expect(context.attributes["rating"] == "good")
            }
            #expect(fixture.emulator.calls.count(matching: Self.grants) == 1)
            let grant = try #require(fixture.emulator.calls.calls(matching: Self.grants).first)
            // Form-encoded, at the Chat endpoint: never Support's JSON grant.
            #expect(grant.bodyText == "grant_type=client_credentials&client_id=authbridge&client_secret=client-secret-value&scope=read")
            #expect(grant.header("Content-Type") == "application/x-www-form-urlencoded")
            let read = try #require(fixture.emulator.calls.calls(matching: Self.chats).first)
            #expect(read.path == "/api/v2/chat/chats/1704.2314815.QHgVx6SOrRuSx")
            #expect(read.header("Authorization")?.hasPrefix("Bearer zdc_emulated_") == true)
            #expect(!fixture.logText.contains("client-secret-value"))
            #expect(!fixture.logText.contains("zdc_emulated_"))
        }
    }

    @Test func anEmptyChatAndAnOfflineMessage() async throws {
        try await ZendeskFixture.run { fixture in
            fixture.emulator.addChat(ZendeskEmulator.sampleChat(id: "empty.1", history: false))
            fixture.emulator.addChat([
                "id": "offline.1", "type": "offline_msg", "timestamp": "2026-11-25T10:00:00Z",
                "visitor": ["id": "v2", "name": "Cy", "email": "cy@example.com"], "message": "Call me back", "tags": [],
            ])
            try await self.withReader(fixture) { reader in
                let empty = try await reader.read(chatID: "empty.1", logger: fixture.logger)
                #expect(empty.transcript.messages.isEmpty)
                #expect(empty.context.ticketID == "4242")
                let offline = try await reader.read(chatID: "offline.1", logger: fixture.logger)
                #expect(offline.transcript.messages.map(\.text) == ["Call me back"])
                #expect(offline.transcript.messages.first?.role == .customer)
                #expect(offline.transcript.messages.first?.originalType == "offline_msg")
            }
            #expect(fixture.emulator.calls.count(matching: Self.grants) == 1, "the service token is cached")
        }
    }

    @Test func opaqueIdsAreEncodedAndMissingChatsAre404() async throws {
        try await ZendeskFixture.run { fixture in
            try await self.withReader(fixture) { reader in
                let error = await #expect(throws: ZendeskError.self) { try await reader.read(chatID: "../a/b?c", logger: fixture.logger) }
                #expect(error?.code == .notFound)
                #expect(fixture.emulator.calls.calls(matching: Self.chats).first?.path == "/api/v2/chat/chats/..%2Fa%2Fb%3Fc")
                await #expect(throws: ZendeskError.self) { try await reader.read(chatID: "", logger: fixture.logger) }
            }
        }
    }

    /// Chat visitors have no external id: the visitor's chats are found by email, newest first, and
    /// another visitor's never.
    @Test func aVisitorsRecentChatsAreFoundByEmail() async throws {
        try await ZendeskFixture.run { fixture in
            var older = ZendeskEmulator.sampleChat(id: "older.1").members
            older["timestamp"] = "2026-11-20T10:00:00Z"
            fixture.emulator.addChat(.object(older))
            fixture.emulator.addChat(ZendeskEmulator.sampleChat(id: "newer.2"))
            var other = ZendeskEmulator.sampleChat(id: "other.3").members
            other["visitor"] = ["id": "2.x", "name": "Bob", "email": "bob@example.com"]
            fixture.emulator.addChat(.object(other))
            try await self.withReader(fixture) { reader in
                let since = ZendeskTime.parse("2026-11-01T00:00:00Z") ?? 0
                let found = try await reader.recentHistory(visitorEmail: "ada@example.com", maximumChats: 5, since: since, logger: fixture.logger)
                #expect(found.map(\.transcript.conversationID) == ["newer.2", "older.1"])
                let recent = try await reader.recentHistory(
                    visitorEmail: "ada@example.com", maximumChats: 5, since: ZendeskTime.parse("2026-11-21T00:00:00Z") ?? 0, logger: fixture.logger)
                #expect(recent.map(\.transcript.conversationID) == ["newer.2"])
                let search = try #require(fixture.emulator.calls.calls(matching: EmulatorRoute(.get, "/api/v2/chat/chats/search")).first)
                #expect(search.queryValue("q") == #"visitor_email:"ada@example.com""#)
                #expect(search.header("Authorization")?.hasPrefix("Bearer zdc_emulated_") == true)
                // A search that answers with another visitor's chat (its matching is undocumented) carries nothing of it.
                fixture.emulator.faults.inject(
                    .respond(
                        status: .ok, headers: [.contentType: "application/json"],
                        body: #"{"results":[{"id":"other.3","type":"chat","timestamp":"2026-11-25T10:00:00Z"}],"next_url":null,"count":1}"#),
                    on: EmulatorRoute(.get, "/api/v2/chat/chats/search"))
                #expect(try await reader.recentHistory(visitorEmail: "ada@example.com", maximumChats: 5, since: 0, logger: fixture.logger).isEmpty)
                // An address that could break out of the quoted term searches nothing.
                #expect(try await reader.recentHistory(visitorEmail: #"a\" OR x@y.z"#, maximumChats: 5, since: 0, logger: fixture.logger).isEmpty)
            }
        }
    }

    @Test func aRevokedServiceTokenIsReplacedOnce() async throws {
        try await ZendeskFixture.run { fixture in
            fixture.emulator.addChat(ZendeskEmulator.sampleChat())
            try await self.withReader(fixture) { reader in
                _ = try await reader.read(chatID: "1704.2314815.QHgVx6SOrRuSx", logger: fixture.logger)
                for token in fixture.emulator.tokens { fixture.emulator.revokeToken(token.value) }
                let history = try await reader.read(chatID: "1704.2314815.QHgVx6SOrRuSx", logger: fixture.logger)
                #expect(history.transcript.messages.count == 14)
            }
            #expect(fixture.emulator.calls.count(matching: Self.grants) == 2)
            #expect(fixture.emulator.calls.count(matching: Self.chats) == 3)
        }
    }

    @Test func wrongClientCredentialsArePermanent() async throws {
        try await ZendeskFixture.run { fixture in
            try await self.withReader(fixture, secret: "wrong-secret") { reader in
                let error = await #expect(throws: AuthBridgeError.self) { try await reader.read(chatID: "x", logger: fixture.logger) }
                #expect(error?.kind == .permanent)
                let underlying = error?.underlying as? ZendeskError
                #expect(underlying?.code == .unauthorized)
                #expect(underlying?.zendeskError == "invalid_client")
                #expect(!"\(String(describing: error))".contains("wrong-secret"))
            }
        }
    }
}
