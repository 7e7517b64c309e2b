import AsyncHTTPClient
import AuthBridgeCore
import AuthBridgeGenesys
import AuthBridgeJWT
import AuthBridgeTesting
import Hummingbird
import NIOCore
import NIOHTTP1
import Testing

@Suite struct GenesysGuestChatTests {
    static let session = VerifiedSession(
        subject: "zd-external-7",
        name: "Grace Brewster Hopper",
        email: "grace@example.com",
        isEmailVerified: true,
        credentialKind: .messagingJWT
    )

    static func request(
        context: CustomerContext? = nil,
        authentication: GenesysGuestAuthentication = .anonymous,
        session: VerifiedSession = session
    ) -> GenesysGuestChatRequest {
        GenesysGuestChatRequest(
            organizationID: "emulated-org",
            deploymentID: "emulated-deployment",
            routingTarget: GenesysRoutingTarget(queueName: "Support", skills: ["Billing"], language: "English", priority: 2),
            session: session,
            context: context,
            sourceConversationID: "1704.2314815.QHgVx6SOrRuSx",
            transcriptLink: "https://example.zendesk.com/agent/chats/1704",
            phoneNumber: "+1 (704) 298-4733",
            authentication: authentication
        )
    }

    @Test func aGuestConversationCarriesIdentityAndContext() async throws {
        try await GenesysFixture.with(.init(requiresMemberAuthentication: true, legacyWebChat: true)) { fixture in
            let context = CustomerContext(
                sourceUserID: "visitor-9",
                tags: ["vip", "billing"],
                department: "Billing",
                ticketID: "12345",
                pagePath: "/pricing"
            )
            let created = try await fixture.genesys.createGuestConversation(
                Self.request(context: context, authentication: .signedMemberToken)
            )
            #expect(!created.conversationID.isEmpty && !created.memberID.isEmpty)
            #expect(created.eventStreamURI.hasPrefix("ws://127.0.0.1:"))
            #expect(created.omittedFields.isEmpty)
            #expect(!"\(created)".contains(created.jwt.revealed))
            let browser = try #require(try JSONValue(parsing: created.browserJSON).objectValue)
            #expect(browser["conversationId"]?.stringValue == created.conversationID)
            #expect(browser["memberId"]?.stringValue == created.memberID)
            #expect(browser["jwt"]?.stringValue == created.jwt.revealed)
            #expect(browser["eventStreamUri"]?.stringValue == created.eventStreamURI)
            #expect(browser.count == 4)

            let stored = try #require(fixture.emulator.conversations.first)
            #expect(stored.id == created.conversationID)
            #expect(stored.isAuthenticated)
            #expect(stored.displayName == "Grace Brewster Hopper")
            #expect(stored.queueName == "Support")
            #expect(stored.customFields["zendeskExternalId"] == "zd-external-7")
            #expect(stored.customFields["zendeskEmail"] == "grace@example.com")
            #expect(stored.customFields["zendeskEmailVerified"] == "true")
            #expect(stored.customFields["zendeskTicketId"] == "12345")
            #expect(stored.customFields["zendeskTags"] == "vip,billing")
            #expect(stored.customFields["zendeskDepartment"] == "Billing")
            #expect(stored.customFields["zendeskConversationId"] == "1704.2314815.QHgVx6SOrRuSx")
            #expect(stored.customFields["zendeskTranscriptUrl"] == "https://example.zendesk.com/agent/chats/1704")
            let member = try #require(try JSONValue(parsing: stored.memberInfoJSON).objectValue)
            #expect(member["firstName"] == "Grace Brewster")
            #expect(member["lastName"] == "Hopper")
            #expect(member["phoneNumber"] == "+17042984733")
            let claimsJSON = try #require(stored.memberTokenClaimsJSON)
            let claims = try #require(try JSONValue(parsing: claimsJSON).objectValue)
            #expect(claims["sub"] == "zd-external-7")

            // Participant attributes on the new conversation, with the same keys, on the customer
            // participant: the member id is a communication id, and the participant path refuses it.
            let attributes = try fixture.genesys.contextAttributes(session: Self.session, context: context)
            await #expect(throws: GenesysError.self) {
                try await fixture.genesys.setParticipantAttributes(
                    attributes,
                    conversationID: created.conversationID,
                    participantID: created.memberID,
                    mediaType: .any
                )
            }
            let participant = try await fixture.genesys.customerParticipantID(conversationID: created.conversationID)
            #expect(participant != created.memberID)
            #expect(participant == fixture.emulator.conversations.first?.participantID)
            try await fixture.genesys.setParticipantAttributes(
                attributes,
                conversationID: created.conversationID,
                participantID: participant,
                mediaType: .any
            )
            let patch = EmulatorRoute(.patch, "/api/v2/conversations/\(created.conversationID)/participants/\(participant)/attributes")
            #expect(fixture.emulator.calls.count(matching: patch) == 1)
            #expect(fixture.emulator.conversations.first?.participantAttributes["zendeskTicketId"] == "12345")
            #expect(fixture.emulator.conversations.first?.participantAttributes.count == attributes.count)

            // The page's follow-ups use the conversation JWT; no platform token is involved.
            let httpClient = fixture.httpClient
            let base = fixture.emulator.baseURL + "/api/v2/webchat/guest/conversations/\(created.conversationID)"
            var send = HTTPClientRequest(url: base + "/members/\(created.memberID)/messages")
            send.method = .POST
            send.headers.add(name: "Authorization", value: "Bearer \(created.jwt.revealed)")
            send.headers.add(name: "Content-Type", value: "application/json")
            send.body = .bytes(ByteBuffer(string: #"{"body":"hello","bodyType":"standard"}"#))
            let sent = try await httpClient.execute(send, timeout: .seconds(5))
            #expect(sent.status.code == 200)
            var wrong = HTTPClientRequest(url: base + "/messages")
            wrong.headers.add(name: "Authorization", value: "Bearer not-a-jwt")
            #expect(try await httpClient.execute(wrong, timeout: .seconds(5)).status.code == 401)
            #expect(fixture.emulator.conversations.first?.messages == ["hello"])
        }
    }

    @Test func aGuestChatThatEndedIsNotFoundNotRetired() async throws {
        try await GenesysFixture.with { fixture in
            let created = try await fixture.genesys.createGuestConversation(Self.request())
            fixture.emulator.faults.inject(
                .respond(status: .notFound, body: #"{"status":404,"code":"not.found","message":"The conversation was not found."}"#),
                on: EmulatorRoute(.delete, "/api/v2/webchat/guest/conversations/*/members/*")
            )
            do {
                try await fixture.genesys.leaveGuestConversation(created)
                Issue.record("expected a 404")
            } catch let error as GenesysError {
                #expect(error.code == .notFound)
            }
            // A 410 on any retired path is the API gone.
            fixture.emulator.faults.inject(.respond(status: .gone), on: EmulatorRoute(.delete, "/api/v2/webchat/guest/conversations/*/members/*"))
            do {
                try await fixture.genesys.leaveGuestConversation(created)
                Issue.record("expected a 410")
            } catch let error as GenesysError {
                #expect(error.code == .retiredAPI)
            }
        }
    }

    @Test func leavingTakesTheGuestOutWithTheConversationsOwnJWT() async throws {
        try await GenesysFixture.with { fixture in
            let created = try await fixture.genesys.createGuestConversation(Self.request())
            #expect(fixture.emulator.conversations.first?.hasLeft == false)
            try await fixture.genesys.leaveGuestConversation(created)
            #expect(fixture.emulator.conversations.first?.hasLeft == true)
            let call = try #require(fixture.emulator.calls.all.last)
            #expect(call.path.hasSuffix("/members/\(created.memberID)"))
            #expect(call.headers[.authorization] == "Bearer " + created.jwt.revealed)
        }
    }

    @Test func anAnonymousCreateIsRefusedWhenTheDeploymentRequiresAuthenticationAndNeverRetried() async throws {
        try await GenesysFixture.with(.init(requiresMemberAuthentication: true, legacyWebChat: true)) { fixture in
            do {
                _ = try await fixture.genesys.createGuestConversation(Self.request())
                Issue.record("expected an error")
            } catch let error as GenesysError {
                #expect(error.code == .unauthorized)
                #expect(error.genesysCode == "authentication.required")
            }
            fixture.emulator.faults.inject(.respond(status: .serviceUnavailable), on: EmulatorRoute(.post, "/api/v2/webchat/guest/conversations"))
            do {
                _ = try await fixture.genesys.createGuestConversation(Self.request(authentication: .signedMemberToken))
                Issue.record("expected an error")
            } catch let error as GenesysError {
                #expect(error.code == .serverError)
                #expect(error.kind == .transient)
            }
            // Two creates, each sent once: a create is never retried.
            #expect(fixture.emulator.calls.count(matching: EmulatorRoute(.post, "/api/v2/webchat/guest/conversations")) == 2)
            #expect(fixture.emulator.conversations.isEmpty)
        }
    }

    @Test func anAnonymousGuestChatNeedsNoServiceToken() async throws {
        try await GenesysFixture.with { fixture in
            let region = try GenesysRegion.custom(baseURL: fixture.emulator.baseURL)
            let guestOnly = GenesysCloudClient(httpClient: fixture.httpClient, region: region, logger: GenesysFixture.logger)
            let created = try await guestOnly.createGuestConversation(Self.request())
            #expect(fixture.emulator.conversations.first?.id == created.conversationID)
            #expect(fixture.emulator.conversations.first?.isAuthenticated == false)
            #expect(fixture.emulator.tokensIssued == 0)
            do {
                _ = try await guestOnly.createGuestConversation(Self.request(authentication: .signedMemberToken))
                Issue.record("expected an error")
            } catch let error as GenesysError {
                #expect(error.code == .invalidConfiguration)
            }
        }
    }

    @Test func capsTruncateContextButNeverTheIdentity() async throws {
        let limits = GenesysGuestChatLimits(maximumCustomFieldValueLength: 20, maximumCustomFields: 10, maximumCustomFieldBytes: 600)
        try await GenesysFixture.with(configuration: .init(http: GenesysFixture.quickPolicy(), guestChatLimits: limits)) { fixture in
            var request = Self.request(
                context: CustomerContext(tags: Array(repeating: "a-long-tag", count: 10), department: "D", ticketID: "1", pagePath: "/p")
            )
            request.transcriptSummary = String(repeating: "summary ", count: 50)
            request.customFields = ["extraOne": "1", "extraTwo": "2", "extraThree": "3"]
            let created = try await fixture.genesys.createGuestConversation(request)
            let fields = try #require(fixture.emulator.conversations.first?.customFields)
            #expect(fields.count == 10)
            #expect(fields["zendeskExternalId"] == "zd-external-7")
            #expect(fields["zendeskEmail"] == "grace@example.com")
            #expect(fields["zendeskTags"]?.count == 20)
            #expect(fields["zendeskTags"]?.hasSuffix("…") == true)
            #expect(!created.omittedFields.isEmpty)
            #expect(fields["authbridgeOmittedFields"] == created.omittedFields.joined(separator: ","))
            for key in created.omittedFields { #expect(fields[key] == nil) }

            let long = VerifiedSession(subject: String(repeating: "x", count: 300), credentialKind: .messagingJWT)
            do {
                _ = try await fixture.genesys.createGuestConversation(Self.request(session: long))
                Issue.record("expected an error")
            } catch let error as GenesysError {
                #expect(error.code == .invalidInput)
            }
            #expect(fixture.emulator.conversations.count == 1)
        }
    }
}
