import AsyncHTTPClient
import AuthBridgeCore
import AuthBridgeTesting
import Foundation
import Hummingbird
import Logging
import Metrics
import Testing

@testable import AuthBridgeTestSupport
@testable import AuthBridgeZendesk

/// The Zendesk readers and emulator against Zendesk's published definitions: the Sunshine Conversations
/// spec (extracted by `Tests/Contracts/zendesk/extract.py`) and the documented Support and Chat endpoints
/// (`zendesk-documented.json`, each with its sources). No network.
@Suite struct ZendeskContractTests {
    @Test func theExtractsArePinnedAndEveryEndpointHasItsSources() throws {
        let contract = try ZendeskContract.load()
        let source = try #require(contract.sunshine["source"] as? [String: Any])
        #expect(source["commit"] as? String == "81dc589444407fb31a0654be753b0b763d02712d")
        #expect(source["infoVersion"] as? String == "17.12.1")
        let facts = Dictionary(uniqueKeysWithValues: contract.facts.compactMap { fact in (fact["id"] as? String).map { ($0, fact) } })
        #expect(facts["sso.jwt.iat-window"]?["value"] as? Int == 180)
        #expect(contract.endpoints.count >= 5)
        for endpoint in contract.endpoints {
            let named = endpoint["facts"] as? [String] ?? []
            #expect(!named.isEmpty, "\(endpoint["id"] ?? "")")
            for id in named { #expect(facts[id] != nil, "\(id) is not a fact") }
        }
        for fact in contract.facts {
            #expect((fact["sources"] as? [Any])?.isEmpty == false, "\(fact["id"] ?? "") has no source")
        }
    }

    @Test func everyEmulatorRouteIsDefinedByZendesk() throws {
        let contract = try ZendeskContract.load()
        let routes = ZendeskEmulator.servedRoutes
        #expect(routes.count >= 9)
        for route in routes {
            let method = route.method?.rawValue ?? "*"
            let known = contract.operation(method: method, path: route.pattern) ?? contract.endpoint(method: method, path: route.pattern)
            #expect(known != nil, "\(method) \(route.pattern) is in neither the spec nor the documented endpoints")
        }
    }

    /// The checker fails where it should: it is not a test that cannot fail.
    @Test func theCheckerCatchesInventedFieldsWrongTimesAndTheWrongToken() throws {
        let contract = try ZendeskContract.load()
        let invented: [String: Any] = [
            "id": ZendeskEmulator.sunshineID(1), "received": "2026-11-25T10:00:00Z", "author": ["type": "agent"], "mood": "happy",
        ]
        let problems = contract.problems(invented, model: "message", at: "m")
        #expect(problems.contains { $0.contains("m.mood: not a field of message") })
        #expect(problems.contains { $0.contains("m.received: 2026-11-25T10:00:00Z is not") })
        #expect(problems.contains { $0.contains("m.author.type: agent is not one of") })
        var call = RecordedCall(
            method: .get, path: "/api/v2/chat/chats/1", query: "include=all", headers: [.authorization: "Bearer support-token"], body: [])
        call.responseStatus = 200
        call.responseBody = Array(#"{"id":"1","invented":true}"#.utf8)
        let callProblems = contract.problems(of: call) { _ in .support }
        #expect(callProblems.contains { $0.contains("not a chat token") })
        #expect(callProblems.contains { $0.contains("query parameter include") })
        #expect(callProblems.contains { $0.contains("response field invented") })
        var cursor = RecordedCall(
            method: .get, path: "/sc/v2/apps/a/conversations/c/messages", query: "page%5Bbefore%5D=idx1", headers: [.authorization: "Basic eA=="],
            body: [])
        cursor.responseStatus = 200
        cursor.responseBody = Array(#"{"messages":[]}"#.utf8)
        #expect(contract.problems(of: cursor) { _ in nil }.contains { $0.contains("page[before] shorter than 24") })
    }

    /// Every reader call against the emulator: the Chat grant, search and read; the Sunshine user look-ups
    /// (external id, email identity, brand), conversation list and message pages; the Support grant and
    /// token introspection. Then each request and each answer is checked against the definitions.
    @Test func everyCallOfTheReadersAndEveryAnswerOfTheEmulatorMatchTheDefinitions() async throws {
        let contract = try ZendeskContract.load()
        try await ZendeskFixture.run { fixture in
            let emulator = fixture.emulator
            // Chat: a confidential Chat client, the sample chat (started now, inside any window).
            emulator.addChatClient(ZendeskEmulatorChatClient(identifier: "chat-client", secret: Secret("chat-secret-value")))
            emulator.addChat(ZendeskEmulator.sampleChat())
            let chatClient = ZendeskChatAPIClient(clientID: "chat-client", baseURL: try fixture.baseURL)
            let chatBroker = TokenBroker(
                provider: ZendeskChatTokenProvider(
                    client: chatClient, clientSecret: Secret("chat-secret-value"), httpClient: fixture.client, logger: fixture.logger),
                configuration: .init(name: "zendesk-chat", retry: .init(maximumAttempts: 1)),
                clock: fixture.clock,
                logger: fixture.logger,
                metricsFactory: NOOPMetricsHandler.instance
            )
            let chat = ZendeskChatHistoryReader(tokens: chatBroker.handle(for: chatClient), http: fixture.http())
            let chats = try await chat.recentHistory(visitorEmail: "ada@example.com", maximumChats: 3, since: 0, logger: fixture.logger)
            #expect(chats.count == 1)

            // Sunshine: a brand-separated user with a conversation of every kind the spec defines (an
            // unknown type would be the test's invention, not Zendesk's), paged at 100.
            emulator.addSunshineKey(keyID: "app_key", secret: Secret("sc-secret"))
            var user = ZendeskEmulator.sampleUser()
            if case .object(var members) = user {
                members["brandId"] = "9477922990333"
                user = .object(members)
            }
            emulator.addUser(user, appID: "app-1")
            let known = ZendeskEmulator.sampleConversation().filter { $0["content"]?["type"]?.stringValue != "hologram" }
            emulator.addMessages(known + ZendeskEmulator.sampleMessages(count: 150), conversationID: "conv-1", appID: "app-1")
            let sunshine = SunshineConversationsReader(
                configuration: .init(baseURL: try fixture.baseURL, appID: "app-1", brandID: "9477922990333"),
                credential: SunshineConversationsCredential(keyID: "app_key", secret: Secret("sc-secret")),
                http: fixture.http()
            )
            let byExternalID = try await sunshine.recentHistory(
                externalID: "customer-42", email: nil, maximumConversations: 3, since: 0, logger: fixture.logger)
            #expect(byExternalID.first?.transcript.messages.count == known.count + 150)
            let byEmail = try await sunshine.recentHistory(
                externalID: "nobody", email: "ada@example.com", maximumConversations: 3, since: 0, logger: fixture.logger)
            #expect(byEmail.count == 1)
            _ = try await sunshine.read(conversationID: "conv-1", userID: "customer-42", logger: fixture.logger)

            // Support: the client-credentials grant, and introspection of a customer's token.
            emulator.addOAuthClient(
                ZendeskEmulatorOAuthClient(identifier: "support-client", secret: Secret("support-secret"), allowedScopes: ["read"]))
            let supportClient = ZendeskOAuthClient(clientID: "support-client", baseURL: try fixture.baseURL)
            let token = try await ZendeskClientCredentialsProvider(
                client: supportClient, clientSecret: Secret("support-secret"), httpClient: fixture.client, logger: fixture.logger
            ).fetchToken(for: supportClient)
            // Support tickets with that client's token: a Chat's ticket by id, a Messaging user's newest.
            emulator.addTicket(ZendeskEmulator.sampleTicket(id: 4242, requesterID: 361))
            let supportBroker = TokenBroker(
                provider: ZendeskClientCredentialsProvider(
                    client: supportClient, clientSecret: Secret("support-secret"), httpClient: fixture.client, logger: fixture.logger),
                configuration: .init(name: "zendesk-support", retry: .init(maximumAttempts: 1)),
                clock: fixture.clock,
                logger: fixture.logger,
                metricsFactory: NOOPMetricsHandler.instance
            )
            let tickets = ZendeskSupportReader(tokens: supportBroker.handle(for: supportClient), customFieldIDs: ["360001"], http: fixture.http())
            #expect(try await tickets.ticket(id: "4242", logger: fixture.logger)?.subject == "Order 42 is late")
            #expect(try await tickets.latestMessagingTicket(requesterID: "361", logger: fixture.logger)?.id == "4242")
            emulator.addSupportUser(["id": 361, "external_id": "customer-42", "email": "ada@example.com", "verified": true])
            #expect(try await tickets.user(id: "361", logger: fixture.logger)?.externalID == "customer-42")
            await supportBroker.shutdown()
            let validator = try ZendeskOAuthTokenValidator(
                configuration: .init(baseURL: try fixture.baseURL), http: fixture.http(), clock: fixture.clock, wallClock: fixture.wall.jwtClock,
                logger: fixture.logger, metricsFactory: NOOPMetricsHandler.instance)
            _ = try await validator.validate(token.value, logger: fixture.logger)
            await validator.shutdown()
            await chatBroker.shutdown()

            let issued = emulator.tokens
            let calls = emulator.calls.all
            #expect(calls.count >= 10)
            for call in calls {
                let problems = contract.problems(of: call) { value in issued.first { $0.value.revealed == value }?.api }
                #expect(problems.isEmpty, "\(problems)")
            }
            // The cursors sent back are the spec's 24-character record ids.
            let pages = calls.filter { $0.path.hasSuffix("/messages") && $0.query?.contains("page%5Bbefore%5D") == true }
            #expect(!pages.isEmpty)
        }
    }
}
