import AsyncHTTPClient
import AuthBridge
import AuthBridgeServer
import AuthBridgeTesting
import Foundation
import Hummingbird
import InMemoryLogging
import Logging
import NIOHTTP1
import Testing

@testable import AuthBridgeTestSupport

/// The messaging-context data action over loopback: Messenger sign-in against the emulated Genesys,
/// the customer's first message opens a web messaging conversation, and Genesys's data action (played
/// by the test, as the shipped file calls it) asks AuthBridge to carry the context in.
@Suite struct MessagingContextTests {
    static var basic: String {
        "Basic " + Data("\(MessengerFixture.dataActionUser):\(MessengerFixture.dataActionSecret)".utf8).base64EncodedString()
    }

    /// Signs the customer in through Messenger and returns the `sub` Genesys holds.
    static func signIn(_ fixture: MessengerFixture, externalID: String = "zd-customer-4711") async throws -> String {
        let code = try await fixture.authCode(jwt: try MessengerFixture.messagingJWT(externalID: externalID))
        #expect(code.status == 200)
        let exchange = try await fixture.exchange(code.json)
        #expect(exchange.status == 200, "\(exchange.body)")
        return try #require(fixture.genesys.messengerSessions.last?.subject)
    }

    /// A Zendesk Chat history reader on `zendesk`, with its token broker (shut it down at the end).
    /// A Zendesk emulator with the Chat API client `historyReader` uses and one earlier chat.
    static func zendesk(withChat chatID: String) async throws -> ZendeskEmulator {
        let zendesk = try await ZendeskEmulator.start()
        zendesk.addChatClient(ZendeskEmulatorChatClient(identifier: "authbridge", secret: Secret("zendesk-client-secret")))
        zendesk.addChat(ZendeskEmulator.sampleChat(id: chatID))
        return zendesk
    }

    static func historyReader(
        _ zendesk: ZendeskEmulator
    ) throws -> (TokenBroker<ZendeskChatAPIClient, CoarseMonotonicClock>, ZendeskChatHistoryReader<CoarseMonotonicClock>) {
        let client = ZendeskChatAPIClient(clientID: "authbridge", baseURL: try ZendeskBaseURL(overriding: zendesk.baseURL))
        let broker = TokenBroker(
            provider: ZendeskChatTokenProvider(
                client: client, clientSecret: Secret("zendesk-client-secret"), httpClient: .shared, logger: Logger(label: "t")),
            logger: Logger(label: "t")
        )
        return (broker, ZendeskChatHistoryReader(tokens: broker.handle(for: client), httpClient: .shared))
    }

    static func call(_ fixture: MessengerFixture, _ body: JSONValue, authorization: String? = basic) async throws -> TestHTTP.Reply {
        try await TestHTTP.send(
            .POST,
            fixture.baseURL + "/authbridge/v1/genesys/messaging-context",
            headers: authorization.map { [("Authorization", $0)] } ?? [],
            body: .json(body)
        )
    }

    @Test func theFirstMessageCarriesTheCustomerIntoTheConversationOnce() async throws {
        let fixture = try await MessengerFixture.start(dataAction: true)
        let subject = try await Self.signIn(fixture)
        let conversation = fixture.genesys.openMessagingConversation(subject: subject, name: "Ada King Lovelace")
        let input: JSONValue = ["conversationId": .string(conversation.id), "sub": .string(subject), "isAuthenticated": true]

        let first = try await Self.call(fixture, input)
        #expect(first.status == 200, "\(first.body)")
        let output = try #require(first.json)
        #expect(output["status"]?.stringValue == "written")
        #expect(output["participantId"]?.stringValue == conversation.participantID)
        #expect(output["email"]?.stringValue == "ada@example.com")
        #expect(output["historyCarried"] == .bool(true))  // no earlier conversation was named

        let agentView = try #require(fixture.genesys.messagingConversation(conversation.id))
        #expect(agentView.attributes["zendeskExternalId"] == subject || agentView.attributes.values.contains(subject), "\(agentView.attributes)")
        let contactID = try #require(agentView.contactID)
        #expect(output["externalContactId"]?.stringValue == contactID)
        #expect(fixture.genesys.contacts.first { $0.id == contactID }?.linkedConversations == [conversation.id])

        // The flow's retry and the backstop write nothing again.
        let writesBefore = fixture.genesys.calls.all.filter { $0.method != .get && !$0.path.hasPrefix("/oauth") }.count
        let retry = try await Self.call(fixture, input)
        #expect(retry.json?["status"]?.stringValue == "alreadyWritten")
        #expect(retry.json?["externalContactId"]?.stringValue == contactID)
        let backstop = try await Self.call(
            fixture,
            [
                "conversationId": .string(conversation.id), "sub": .string(subject), "isAuthenticated": "true",
                "participantId": .string(conversation.participantID),
            ]
        )
        #expect(backstop.json?["status"]?.stringValue == "alreadyWritten")
        let writesAfter = fixture.genesys.calls.all.filter { $0.method != .get && !$0.path.hasPrefix("/oauth") }.count
        #expect(writesAfter == writesBefore)
        #expect(!fixture.logText.contains(MessengerFixture.dataActionSecret))
        await fixture.stop()
    }

    @Test func concurrentCallsWriteOnce() async throws {
        let fixture = try await MessengerFixture.start(dataAction: true)
        let subject = try await Self.signIn(fixture)
        let conversation = fixture.genesys.openMessagingConversation(subject: subject)
        let input: JSONValue = ["conversationId": .string(conversation.id), "sub": .string(subject), "isAuthenticated": true]
        let statuses = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try await Self.call(fixture, input).json?["status"]?.stringValue ?? "?" } }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == "written" }.count == 1, "\(statuses)")
        #expect(statuses.allSatisfy { ["written", "alreadyWritten", "inProgress"].contains($0) }, "\(statuses)")
        let patches = fixture.genesys.calls.all.filter { $0.method == .patch && $0.path.contains("/attributes") }
        #expect(patches.count == 1)
        let links = fixture.genesys.calls.all.filter { $0.method == .put && $0.path.hasPrefix("/api/v2/externalcontacts/conversations/") }
        #expect(links.count == 1)
        await fixture.stop()
    }

    @Test func refusalsAreAnswersAndWriteNothing() async throws {
        let fixture = try await MessengerFixture.start(dataAction: true)
        let subject = try await Self.signIn(fixture)
        let conversation = fixture.genesys.openMessagingConversation(subject: subject)

        // Unauthenticated per Genesys: nothing is trusted.
        let guest = try await Self.call(fixture, ["conversationId": .string(conversation.id), "sub": .string(subject), "isAuthenticated": false])
        #expect(guest.status == 200)
        #expect(guest.json?["status"]?.stringValue == "notAuthenticated")
        // A subject nobody signed in as.
        let unknown = try await Self.call(fixture, ["conversationId": .string(conversation.id), "sub": "zd-nobody", "isAuthenticated": true])
        #expect(unknown.json?["status"]?.stringValue == "unknownSubject")
        // Another signed-in customer's sub on this conversation: the participant is not them.
        let other = try await Self.signIn(fixture, externalID: "zd-customer-other")
        let mismatch = try await Self.call(fixture, ["conversationId": .string(conversation.id), "sub": .string(other), "isAuthenticated": true])
        #expect(mismatch.json?["status"]?.stringValue == "mismatch")
        // An unauthenticated conversation, whatever the flow says.
        let anonymous = fixture.genesys.openMessagingConversation(subject: subject, isAuthenticated: false)
        let forged = try await Self.call(fixture, ["conversationId": .string(anonymous.id), "sub": .string(subject), "isAuthenticated": true])
        #expect(forged.json?["status"]?.stringValue == "notAuthenticated")

        let writes = fixture.genesys.calls.all.filter {
            ($0.method == .patch && $0.path.contains("/attributes")) || $0.path.hasPrefix("/api/v2/externalcontacts/conversations/")
                || $0.path.hasSuffix("/contacts/enrich")
        }
        #expect(writes.isEmpty)
        #expect(fixture.genesys.messagingConversation(conversation.id)?.attributes.isEmpty == true)
        // After a refusal the conversation can still be carried by the right subject.
        let right = try await Self.call(fixture, ["conversationId": .string(conversation.id), "sub": .string(subject), "isAuthenticated": true])
        #expect(right.json?["status"]?.stringValue == "written")
        // Once written, another subject learns nothing about it and triggers nothing.
        let nosy = try await Self.call(fixture, ["conversationId": .string(conversation.id), "sub": .string(other), "isAuthenticated": true])
        #expect(nosy.json?["status"]?.stringValue == "mismatch")
        #expect(nosy.json?["email"]?.stringValue == "")
        #expect(nosy.json?["externalContactId"]?.stringValue == "")
        // The backstop naming another participant than the conversation's customer writes nothing.
        let fresh = fixture.genesys.openMessagingConversation(subject: subject)
        let wrongParticipant = try await Self.call(
            fixture,
            [
                "conversationId": .string(fresh.id), "sub": .string(subject), "isAuthenticated": true,
                "participantId": .string(conversation.participantID),
            ]
        )
        #expect(wrongParticipant.json?["status"]?.stringValue == "mismatch")
        // An id Genesys does not know (404) is an answer too, and writes nothing.
        let missing = try await Self.call(fixture, ["conversationId": "0", "sub": .string(subject), "isAuthenticated": true])
        #expect(missing.status == 200)
        #expect(missing.json?["status"]?.stringValue == "unknownConversation")
        #expect(fixture.genesys.calls.all.contains { $0.path == "/api/v2/conversations/messages/0" && $0.responseStatus == 404 })
        await fixture.stop()
    }

    @Test(arguments: [
        nil,
        "Bearer x",
        "Basic " + Data("genesys-data-actions:wrong-secret-0123456789".utf8).base64EncodedString(),
        "Basic " + Data("\(MessengerFixture.clientID):\(MessengerFixture.clientSecret)".utf8).base64EncodedString(),
        "Basic not-base64!",
    ])
    func aWrongCredentialIs401(authorization: String?) async throws {
        let fixture = try await MessengerFixture.start(dataAction: true)
        let reply = try await Self.call(fixture, ["conversationId": "c-1", "sub": "s", "isAuthenticated": true], authorization: authorization)
        #expect(reply.status == 401)
        #expect(reply.headers["WWW-Authenticate"].first?.hasPrefix("Basic") == true)
        #expect(fixture.logText.contains("wrong or missing data action credential"))
        #expect(fixture.genesys.calls.all.filter { !$0.path.hasPrefix("/oauth") && !$0.path.hasPrefix("/api/v2/webdeployments") }.isEmpty)
        await fixture.stop()
    }

    @Test(arguments: [
        #"[]"#,
        #"{"conversationId": "c-1", "sub": "s"}"#,
        #"{"conversationId": "c-1", "sub": "s", "isAuthenticated": true, "name": "x"}"#,
        #"{"conversationId": "../../x", "sub": "s", "isAuthenticated": true}"#,
        #"{"conversationId": {"id": "c-1"}, "sub": "s", "isAuthenticated": true}"#,
        #"{"conversationId": "c-1", "sub": "", "isAuthenticated": true}"#,
        #"{"conversationId": "c-1", "sub": "s", "isAuthenticated": "yes"}"#,
    ])
    func onlyTheFlatSchemaIsTaken(body: String) async throws {
        let fixture = try await MessengerFixture.start(dataAction: true)
        let reply = try await TestHTTP.send(
            .POST,
            fixture.baseURL + "/authbridge/v1/genesys/messaging-context",
            headers: [("Authorization", Self.basic), ("Content-Type", "application/json")],
            body: .text(body)
        )
        #expect(reply.status == 400, "\(body) → \(reply.status)")
        #expect(reply.json?["correlationId"] != nil)
        await fixture.stop()
    }

    @Test func signingOutEndsTheBindingAndARefreshKeepsIt() async throws {
        let fixture = try await MessengerFixture.start(dataAction: true)
        let jwt = try MessengerFixture.messagingJWT()
        let code = try await fixture.authCode(jwt: jwt)
        let exchange = try await fixture.exchange(code.json)
        let refreshToken = try #require(exchange.json["refreshToken"]?.stringValue)
        let subject = try #require(fixture.genesys.messengerSessions.last?.subject)
        #expect((try await fixture.refresh(refreshToken)).status == 200)

        let end = try await PageClient.send(
            .POST,
            fixture.baseURL + "/authbridge/v1/session/end",
            json: ["credential": .string(jwt), "credentialKind": "messagingJWT"]
        )
        #expect(end.status == 204)
        let conversation = fixture.genesys.openMessagingConversation(subject: subject)
        let after = try await Self.call(fixture, ["conversationId": .string(conversation.id), "sub": .string(subject), "isAuthenticated": true])
        #expect(after.json?["status"]?.stringValue == "unknownSubject")
        await fixture.stop()
    }

    /// Genesys's side as shipped: the emulator loads `Integrations/GenesysCloud/messaging-context.data-action.json`,
    /// runs it from the inbound message flow at the customer's first message (URL, Basic credential,
    /// request template, translation map), and sets its outputs as participant data. The answer comes
    /// before the history; the earlier Zendesk chat then lands as the contact's notes.
    @Test func theShippedDataActionCarriesContextAndHistoryToTheAgent() async throws {
        let zendesk = try await Self.zendesk(withChat: "chat-77")
        let (zendeskBroker, reader) = try Self.historyReader(zendesk)
        let fixture = try await MessengerFixture.start(dataAction: true, history: HistorySources(zendeskChat: reader))

        let file = SnippetsTests.root.appendingPathComponent("Integrations/GenesysCloud/messaging-context.data-action.json")
        let action = try GenesysEmulatorDataAction(json: try String(contentsOf: file, encoding: .utf8))
        fixture.genesys.installInboundMessageFlow(
            GenesysEmulatorInboundMessageFlow(
                dataAction: action,
                baseURL: fixture.baseURL,
                userName: MessengerFixture.dataActionUser,
                secret: MessengerFixture.dataActionSecret
            )
        )
        let code = try await fixture.authCode(jwt: try MessengerFixture.messagingJWT(), zendeskChatID: "chat-77")
        let exchange = try await fixture.exchange(code.json)
        #expect(exchange.status == 200)
        let subject = try #require(fixture.genesys.messengerSessions.last?.subject)

        let seen = await fixture.genesys.sendFirstMessage(subject: subject, name: "Ada King Lovelace")
        // What the flow stored with Set Participant Data, from the action's outputs.
        #expect(seen.attributes["AuthBridge.status"] == "written", "\(seen.attributes)")
        #expect(seen.attributes["AuthBridge.email"] == "ada@example.com")
        #expect(seen.attributes["AuthBridge.historyCarried"] == "false")  // still on its way
        let contactID = try #require(seen.contactID)
        #expect(seen.attributes["AuthBridge.externalContactId"] == contactID)
        // What AuthBridge wrote itself: the identity, then the chat's context and transcript.
        try await eventually(timeout: .seconds(10)) {
            let view = try #require(fixture.genesys.messagingConversation(seen.id))
            guard !view.contactNotes.isEmpty, view.attributes.values.contains("chat-77") else { throw CancellationError() }
        }
        let view = try #require(fixture.genesys.messagingConversation(seen.id))
        #expect(view.contactNotes.joined().contains("Hello, my order is late"))
        #expect(view.attributes.values.contains(subject))
        // The same customer's next conversation gets its own attributes and link; the earlier chat is not
        // written twice (the notes are there already).
        let notesBefore = view.contactNotes.count
        let next = await fixture.genesys.sendFirstMessage(subject: subject, name: "Ada King Lovelace", text: "Me again")
        #expect(next.attributes["AuthBridge.status"] == "written")
        try await eventually(timeout: .seconds(10)) {
            guard fixture.genesys.messagingConversation(next.id)?.attributes.values.contains("chat-77") == true else { throw CancellationError() }
        }
        #expect(fixture.genesys.messagingConversation(next.id)?.contactNotes.count == notesBefore)
        #expect(fixture.genesys.messagingConversation(next.id)?.contactID == contactID)
        // Every request AuthBridge sent and every answer the emulator gave follow Genesys's definitions.
        let contract = try GenesysContract.load()
        let platformCalls = fixture.genesys.calls.all.filter { $0.path.hasPrefix("/api/v2/") }
        #expect(platformCalls.contains { $0.path.hasPrefix("/api/v2/conversations/messages/") && $0.method == .get })
        for call in platformCalls {
            let problems = contract.problems(of: call, legacy: false)
            #expect(problems.isEmpty, "\(call.method) \(call.path): \(problems)")
        }
        // A guest's first message: the action answers notAuthenticated and nothing is written.
        let guest = await fixture.genesys.sendFirstMessage(subject: "", isAuthenticated: false)
        #expect(guest.attributes["AuthBridge.status"] == "notAuthenticated")
        #expect(guest.contactID == nil)

        await fixture.stop()
        await zendeskBroker.shutdown()
        await zendesk.stop()
    }

    /// An unknown conversation is an answer (`unknownConversation`, diagnosed in the log, the claim
    /// released for a later call such as the `customer.start` backstop); a 403 on the attributes PATCH is
    /// a Genesys failure: 503 with a correlation id, the diagnosis in the log, and a retry finishes the work.
    @Test func genesysFailuresAreDiagnosedAndRetryable() async throws {
        let fixture = try await MessengerFixture.start(dataAction: true)
        let subject = try await Self.signIn(fixture)
        let missingID = "3f1d1c2e-0000-4000-8000-000000000000"
        let missing = try await Self.call(fixture, ["conversationId": .string(missingID), "sub": .string(subject), "isAuthenticated": true])
        #expect(missing.status == 200)
        #expect(missing.json?["status"]?.stringValue == "unknownConversation")
        let notFound = fixture.logs.entries.last { $0.message.description == "messaging context refused: Genesys has no such conversation" }
        #expect(notFound?.metadata["authbridge.diagnosis"]?.description.contains("404") == true, "\(String(describing: notFound?.metadata))")
        // The claim was released: a second call is answered again, not `inProgress`.
        let again = try await Self.call(fixture, ["conversationId": .string(missingID), "sub": .string(subject), "isAuthenticated": true])
        #expect(again.json?["status"]?.stringValue == "unknownConversation")

        let conversation = fixture.genesys.openMessagingConversation(subject: subject)
        let path = "/api/v2/conversations/messages/\(conversation.id)/participants/\(conversation.participantID)/attributes"
        fixture.genesys.faults.inject(
            .respond(status: .forbidden, body: #"{"message":"Missing permission","code":"missing.permissions","status":403}"#),
            on: EmulatorRoute(.patch, path)
        )
        let input: JSONValue = ["conversationId": .string(conversation.id), "sub": .string(subject), "isAuthenticated": true]
        let refused = try await Self.call(fixture, input)
        #expect(refused.status == 503)
        let refusal = fixture.logs.entries.last { $0.message.description == "messaging context refused" }
        #expect(refusal?.metadata["authbridge.step"]?.description == "contextTransfer")
        #expect(refusal?.metadata["authbridge.cause"]?.description == "missingPermission", "\(String(describing: refusal?.metadata))")
        let retried = try await Self.call(fixture, input)
        #expect(retried.json?["status"]?.stringValue == "written")
        await fixture.stop()
    }

    /// Genesys's transient failures shorter than the deadline cost a delay, not a 503 (the chaos soak's
    /// 5xx bursts and latency spikes): a burst longer than one request's own retries, and an answer that
    /// stalls past the first attempt's share of the deadline. Past the deadline it is a 503, in time.
    @Test func transientGenesysFailuresAreRetriedWithinTheDeadline() async throws {
        let fixture = try await MessengerFixture.start(dataAction: true, options: .init(messagingContextDeadline: .seconds(6)))
        let subject = try await Self.signIn(fixture)
        func input(_ id: String) -> JSONValue { ["conversationId": .string(id), "sub": .string(subject), "isAuthenticated": true] }

        let burst = fixture.genesys.openMessagingConversation(subject: subject)
        fixture.genesys.faults.inject(
            .respond(status: .serviceUnavailable), on: EmulatorRoute(.get, "/api/v2/conversations/messages/\(burst.id)"), count: .times(5))
        let afterBurst = try await Self.call(fixture, input(burst.id))
        #expect(afterBurst.status == 200)
        #expect(afterBurst.json?["status"]?.stringValue == "written")

        let stall = fixture.genesys.openMessagingConversation(subject: subject)
        fixture.genesys.faults.inject(.delay(.seconds(8)), on: EmulatorRoute(.get, "/api/v2/conversations/messages/\(stall.id)"), count: .times(1))
        let stallStarted = ContinuousClock.now
        let afterStall = try await Self.call(fixture, input(stall.id))
        #expect(afterStall.json?["status"]?.stringValue == "written")
        #expect(ContinuousClock.now - stallStarted < .seconds(6))

        // A slow upsert is waited for, never cut off and resent (Genesys may still be applying it).
        let slowUpsert = fixture.genesys.openMessagingConversation(subject: subject)
        fixture.genesys.faults.inject(.delay(.seconds(5)), on: EmulatorRoute(.post, "/api/v2/externalcontacts/contacts/enrich"), count: .times(1))
        let afterSlowUpsert = try await Self.call(fixture, input(slowUpsert.id))
        #expect(afterSlowUpsert.json?["status"]?.stringValue == "written")
        #expect(fixture.genesys.calls.calls(matching: EmulatorRoute(.post, "/api/v2/externalcontacts/contacts/enrich")).count == 3)
        #expect(fixture.genesys.contacts.count == 1)

        let down = fixture.genesys.openMessagingConversation(subject: subject)
        fixture.genesys.faults.inject(
            .respond(status: .serviceUnavailable), on: EmulatorRoute(.get, "/api/v2/conversations/messages/\(down.id)"), count: .times(1000))
        let downStarted = ContinuousClock.now
        let refused = try await Self.call(fixture, input(down.id))
        #expect(refused.status == 503)
        #expect(ContinuousClock.now - downStarted < .seconds(9))
        let refusal = fixture.logs.entries.last { $0.message.description == "messaging context refused" }
        #expect(refusal?.metadata["authbridge.cause"]?.description == "peerUnavailable", "\(String(describing: refusal?.metadata))")
        await fixture.stop()
    }

    /// Two conversations of one customer carry the same earlier chat into the same contact at once, while
    /// Genesys is slow to store a note (the chaos soak's latency phase wrote a part twice so): each part
    /// is stored once, and both conversations end with the history carried.
    @Test func twoConversationsOfOneCustomerWriteEachNoteOnce() async throws {
        let zendesk = try await Self.zendesk(withChat: "chat-99")
        let (zendeskBroker, reader) = try Self.historyReader(zendesk)
        let fixture = try await MessengerFixture.start(dataAction: true, history: HistorySources(zendeskChat: reader))
        let code = try await fixture.authCode(jwt: try MessengerFixture.messagingJWT(), zendeskChatID: "chat-99")
        #expect((try await fixture.exchange(code.json)).status == 200)
        let subject = try #require(fixture.genesys.messengerSessions.last?.subject)
        // The first note written answers after 2 s: the other conversation's carry looks at the notes meanwhile.
        fixture.genesys.faults.inject(.delay(.seconds(2)), on: EmulatorRoute(.post, "/api/v2/externalcontacts/contacts/:id/notes"))
        let conversations = [
            fixture.genesys.openMessagingConversation(subject: subject), fixture.genesys.openMessagingConversation(subject: subject),
        ]
        let inputs: [JSONValue] = conversations.map { ["conversationId": .string($0.id), "sub": .string(subject), "isAuthenticated": true] }
        for input in inputs {
            #expect(try await Self.call(fixture, input).json?["status"]?.stringValue == "written")
        }
        try await eventually(timeout: .seconds(20)) {
            for input in inputs {
                guard try await Self.call(fixture, input).json?["historyCarried"] == .bool(true) else { throw CancellationError() }
            }
        }
        let notes = try #require(fixture.genesys.messagingConversation(conversations[0].id)?.contactNotes)
        #expect(notes.joined().contains("Hello, my order is late"))
        let headers = notes.map { $0.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? "" }
        #expect(Set(headers).count == headers.count, "\(headers)")
        #expect(
            fixture.genesys.messagingConversation(conversations[1].id)?.contactID
                == fixture.genesys.messagingConversation(conversations[0].id)?.contactID)
        await fixture.stop()
        await zendeskBroker.shutdown()
        await zendesk.stop()
    }

    /// Zendesk failing while the history is read: the context is written, `historyCarried` stays false,
    /// and the next call (the flow's retry, the `customer.start` backstop) carries the history; nothing is lost.
    @Test func aHistoryThatFailedIsCarriedByTheNextCall() async throws {
        let zendesk = try await Self.zendesk(withChat: "chat-88")
        zendesk.faults.inject(.respond(status: .serviceUnavailable), on: EmulatorRoute(.get, "/api/v2/chat/chats/chat-88"), count: .times(3))
        let (zendeskBroker, reader) = try Self.historyReader(zendesk)
        let fixture = try await MessengerFixture.start(dataAction: true, history: HistorySources(zendeskChat: reader))
        let code = try await fixture.authCode(jwt: try MessengerFixture.messagingJWT(), zendeskChatID: "chat-88")
        #expect((try await fixture.exchange(code.json)).status == 200)
        let subject = try #require(fixture.genesys.messengerSessions.last?.subject)
        let conversation = fixture.genesys.openMessagingConversation(subject: subject)
        let input: JSONValue = ["conversationId": .string(conversation.id), "sub": .string(subject), "isAuthenticated": true]

        #expect(try await Self.call(fixture, input).json?["status"]?.stringValue == "written")
        // The history read fails (three 503s: every attempt); the ledger says it is not carried.
        try await eventually(timeout: .seconds(10)) {
            guard try await Self.call(fixture, input).json?["historyCarried"] == .bool(false) else { throw CancellationError() }
            guard zendesk.calls.count(matching: EmulatorRoute(.get, "/api/v2/chat/chats/chat-88")) >= 3 else { throw CancellationError() }
        }
        // Zendesk answers again: a later call carries it.
        try await eventually(timeout: .seconds(10)) {
            _ = try await Self.call(fixture, input)
            guard fixture.genesys.messagingConversation(conversation.id)?.contactNotes.isEmpty == false else { throw CancellationError() }
        }
        let notes = try #require(fixture.genesys.messagingConversation(conversation.id)?.contactNotes)
        #expect(notes.joined().contains("Hello, my order is late"))
        try await eventually(timeout: .seconds(5)) {
            guard try await Self.call(fixture, input).json?["historyCarried"] == .bool(true) else { throw CancellationError() }
        }
        #expect(fixture.genesys.messagingConversation(conversation.id)?.contactNotes.count == notes.count)
        await fixture.stop()
        await zendeskBroker.shutdown()
        await zendesk.stop()
    }
}
