import AuthBridgeCore
import AuthBridgeJWT
import AuthBridgeTestSupport
import AuthBridgeTesting
import Hummingbird
import Metrics
import NIOHTTP1
import Testing

@testable import AuthBridgeZendesk

@Suite("Support tickets and users over the emulator")
struct ZendeskSupportReaderTests {
    /// A reader whose Support token comes from the emulator's client-credentials grant.
    private func withReader(
        _ fixture: ZendeskFixture,
        allowedScopes: [String] = ["tickets:read", "users:read"],
        _ body: (ZendeskSupportReader<ManualClock>) async throws -> Void
    ) async throws {
        fixture.emulator.addOAuthClient(
            ZendeskEmulatorOAuthClient(identifier: "support", secret: Secret("support-secret"), allowedScopes: allowedScopes))
        let client = ZendeskOAuthClient(clientID: "support", baseURL: try fixture.baseURL, scopes: allowedScopes)
        let broker = TokenBroker(
            provider: ZendeskClientCredentialsProvider(
                client: client, clientSecret: Secret("support-secret"), httpClient: fixture.client, logger: fixture.logger),
            configuration: .init(name: "zendesk-support", retry: .init(maximumAttempts: 1)),
            clock: fixture.clock,
            logger: fixture.logger,
            metricsFactory: NOOPMetricsHandler.instance
        )
        let reader = ZendeskSupportReader(tokens: broker.handle(for: client), customFieldIDs: ["360001", "360003"], http: fixture.http())
        do {
            try await body(reader)
        } catch {
            await broker.shutdown()
            throw error
        }
        await broker.shutdown()
    }

    @Test func aChatsTicketIsReadWithItsConfiguredCustomFields() async throws {
        try await ZendeskFixture.run { fixture in
            fixture.emulator.addTicket(ZendeskEmulator.sampleTicket(id: 4242))
            try await self.withReader(fixture) { reader in
                let ticket = try #require(try await reader.ticket(id: "4242", logger: fixture.logger))
                #expect(
                    ticket
                        == CustomerTicket(
                            id: "4242", subject: "Order 42 is late", status: "open", priority: "high", tags: ["late-order", "vip"],
                            customFields: ["360001": "order-42", "360003": "gold,eu"]))
                #expect(try await reader.ticket(id: "9999", logger: fixture.logger) == nil)
            }
        }
    }

    /// No field links a Messaging conversation to its ticket: the requester's newest messaging ticket is it.
    @Test func theRequestersNewestMessagingTicketIsTaken() async throws {
        try await ZendeskFixture.run { fixture in
            func ticket(_ id: Int, updated: String, messaging: Bool) -> ContextValue {
                guard case .object(var members) = ZendeskEmulator.sampleTicket(id: id, requesterID: 361, fromMessaging: messaging) else {
                    return .null
                }
                members["updated_at"] = .string(updated)
                return .object(members)
            }
            fixture.emulator.addTicket(ticket(1, updated: "2026-11-01T00:00:00Z", messaging: true))
            fixture.emulator.addTicket(ticket(2, updated: "2026-11-20T00:00:00Z", messaging: true))
            fixture.emulator.addTicket(ticket(3, updated: "2026-11-30T00:00:00Z", messaging: false))
            try await self.withReader(fixture) { (reader: ZendeskSupportReader<ManualClock>) async throws in
                #expect(try await reader.latestMessagingTicket(requesterID: "361", logger: fixture.logger)?.id == "2")
                #expect(try await reader.latestMessagingTicket(requesterID: "999", logger: fixture.logger) == nil)
            }
            let list = try #require(fixture.emulator.calls.calls(matching: EmulatorRoute(.get, "/api/v2/users/:id/tickets/requested")).first)
            #expect(list.queryValue("sort") == "-updated_at")
            // The emulator's cursor paging: a page of one, its cursor, and the next page from it.
            let url = fixture.emulator.baseURL + "/api/v2/users/361/tickets/requested?sort=-updated_at&page%5Bsize%5D=1"
            let headers = [("Authorization", "Bearer " + (fixture.emulator.tokens.last?.value.revealed ?? ""))]
            let first = try await TestHTTP.send(.GET, url, headers: headers, client: fixture.client, timeout: .seconds(5))
            let meta = try #require(first.json?["meta"]?.objectValue)
            #expect(meta["has_more"] == .bool(true) && meta["after_cursor"] == .string("3"))
            let second = try await TestHTTP.send(.GET, url + "&page%5Bafter%5D=3", headers: headers, client: fixture.client, timeout: .seconds(5))
            #expect(second.json?["tickets"]?.arrayValue?.first?.objectValue?["id"] == .number(2))
        }
    }

    @Test func aTokenWithoutATicketScopeIsForbidden() async throws {
        try await ZendeskFixture.run { fixture in
            fixture.emulator.addTicket(ZendeskEmulator.sampleTicket())
            try await self.withReader(fixture, allowedScopes: ["users:read"]) { reader in
                let error = await #expect(throws: ZendeskError.self) { try await reader.ticket(id: "4242", logger: fixture.logger) }
                #expect(error?.code == .forbidden)
            }
        }
    }

    @Test func aSupportUserSaysWhoAnOAuthSessionIs() async throws {
        try await ZendeskFixture.run { fixture in
            fixture.emulator.addSupportUser([
                "id": 4242, "external_id": "customer-42", "email": "ada@example.com", "verified": true, "role": "end-user",
            ])
            fixture.emulator.addSupportUser(["id": 4243, "email": "bob@example.com", "verified": false])
            try await self.withReader(fixture) { (reader: ZendeskSupportReader<ManualClock>) async throws in
                #expect(
                    try await reader.user(id: "4242", logger: fixture.logger)
                        == ZendeskSupportUser(id: "4242", externalID: "customer-42", email: "ada@example.com", isVerified: true))
                #expect(try await reader.user(id: "4243", logger: fixture.logger)?.isVerified == false)
                #expect(try await reader.user(id: "1", logger: fixture.logger) == nil)
            }
        }
    }
}
