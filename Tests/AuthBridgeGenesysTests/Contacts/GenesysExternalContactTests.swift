import AuthBridgeCore
import AuthBridgeGenesys
import AuthBridgeTesting
import Hummingbird
import Testing

@Suite struct GenesysExternalContactTests {
    static let session = VerifiedSession(subject: "zd-100", name: "Alan Turing", email: "Alan@Example.com", credentialKind: .ssoJWT)
    static let enrich = EmulatorRoute(.post, "/api/v2/externalcontacts/contacts/enrich")

    @Test func anUpsertRunTwiceGivesOneContactThroughEnrich() async throws {
        try await GenesysFixture.with { fixture in
            let details = GenesysContactDetails(session: Self.session, context: CustomerContext(phone: "+44 20 7946 0958"))
            let first = try await fixture.genesys.upsertContact(details)
            let second = try await fixture.genesys.upsertContact(details)
            #expect(first.contact.id == second.contact.id)
            #expect(first.omittedFields.isEmpty)
            #expect(fixture.emulator.contacts.count == 1)
            // One enrich per upsert; never the old lookup → create → claim sequence.
            #expect(fixture.emulator.calls.count(matching: Self.enrich) == 2)
            #expect(fixture.emulator.calls.count(matching: EmulatorRoute(.post, "/api/v2/externalcontacts/contacts")) == 0)
            #expect(fixture.emulator.calls.count(matching: EmulatorRoute(.patch, "/api/v2/externalcontacts/contacts/*/identifiers")) == 0)
            let body = try #require(fixture.emulator.calls.calls(matching: Self.enrich).first?.bodyText)
            #expect(body.contains(#""action":"Upsert""#))
            // The number goes in display; e164 is read-only and never sent.
            #expect(body.contains(#""cellPhone":{"display":"+442079460958"}"#))
            #expect(!body.contains("e164"))
            let stored = try #require(fixture.emulator.contacts.first)
            #expect(stored.identifiers.contains("ExternalId:zd-100"))
            #expect(stored.externalSourceNames == ["Zendesk"])
            #expect(stored.identifiers.contains("Email:alan@example.com"))
            #expect(stored.identifiers.contains("Phone:+442079460958"))
            #expect(second.contact.phone == "+442079460958")
            #expect(second.contact.firstName == "Alan" && second.contact.lastName == "Turing")
            #expect(try await fixture.genesys.findContact(.email("alan@example.com"))?.id == first.contact.id)
            #expect(try await fixture.genesys.findContact(.externalID("zd-100"))?.id == first.contact.id)
            #expect(try await fixture.genesys.findContact(.externalID("someone-else")) == nil)
        }
    }

    @Test func theExternalSourceIsFoundOrCreatedOnceByName() async throws {
        try await GenesysFixture.with { fixture in
            let details = GenesysContactDetails(session: Self.session)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<6 { group.addTask { _ = try await fixture.genesys.upsertContact(details) } }
                try await group.waitForAll()
            }
            #expect(fixture.emulator.externalSourceNames == ["Zendesk"])
            #expect(fixture.emulator.calls.count(matching: EmulatorRoute(.post, "/api/v2/externalcontacts/externalsources")) == 1)
            #expect(fixture.emulator.contacts.count == 1)
        }
        // A source that exists is found, not created again.
        let configuration = GenesysCloudClient.Configuration(http: GenesysFixture.quickPolicy(), externalSourceName: "Zendesk EU")
        try await GenesysFixture.with(configuration: configuration) { fixture in
            let other = GenesysCloudClient(
                httpClient: fixture.httpClient,
                serviceToken: fixture.broker.handle(for: fixture.credentials.client),
                configuration: configuration,
                logger: GenesysFixture.logger
            )
            #expect(try await other.existingExternalSourceID() == nil)
            _ = try await other.externalSourceID()
            _ = try await fixture.genesys.upsertContact(GenesysContactDetails(session: Self.session))
            #expect(fixture.emulator.externalSourceNames == ["Zendesk EU"])
            #expect(fixture.emulator.calls.count(matching: EmulatorRoute(.post, "/api/v2/externalcontacts/externalsources")) == 1)
            let lookups = fixture.emulator.calls.calls(matching: EmulatorRoute(.get, "/api/v2/externalcontacts/externalsources"))
            #expect(lookups.allSatisfy { $0.queryValue("name") == "Zendesk EU" })
        }
    }

    @Test func concurrentUpsertsOfOneCustomerGiveOneContact() async throws {
        try await GenesysFixture.with { fixture in
            let details = GenesysContactDetails(session: Self.session)
            _ = try await fixture.genesys.externalSourceID()
            // Upserts of one customer through one client run one at a time: with each enrich held 150 ms,
            // four take at least 600 ms (run together they would take about 150).
            fixture.emulator.faults.inject(.delay(.milliseconds(150)), on: Self.enrich, count: .always)
            let clock = ContinuousClock()
            let start = clock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 { group.addTask { _ = try await fixture.genesys.upsertContact(details) } }
                try await group.waitForAll()
            }
            #expect(clock.now - start >= .milliseconds(600))
            fixture.emulator.faults.clear(Self.enrich)
            let results = try await withThrowingTaskGroup(of: GenesysContactUpsert.self) { group in
                for _ in 0..<8 { group.addTask { try await fixture.genesys.upsertContact(details) } }
                var all: [GenesysContactUpsert] = []
                for try await result in group { all.append(result) }
                return all
            }
            #expect(Set(results.map(\.contact.id)).count == 1)
            #expect(fixture.emulator.contacts.count == 1)
        }
    }

    @Test func anUpsertWhoseAnswerIsLostIsRetriedWithoutADuplicate() async throws {
        let configuration = GenesysCloudClient.Configuration(http: GenesysFixture.quickPolicy(timeout: .seconds(1)))
        try await GenesysFixture.with(configuration: configuration) { fixture in
            _ = try await fixture.genesys.externalSourceID()
            // The server is still working on the enrich when the client gives up; the retry matches it.
            let delayedUntil = ContinuousClock.now + .milliseconds(1500)
            fixture.emulator.faults.inject(.delay(.milliseconds(1500)), on: Self.enrich)
            let result = try await fixture.genesys.upsertContact(GenesysContactDetails(session: Self.session))
            // Two on a quiet machine; a loaded one may time out the retry too (three attempts at most).
            #expect((2...3).contains(fixture.emulator.calls.count(matching: Self.enrich)))
            try await Task.sleep(until: delayedUntil + .milliseconds(500))
            #expect(fixture.emulator.contacts.map(\.id) == [result.contact.id])
        }
    }

    @Test func aContactFoundByEmailGetsTheExternalID() async throws {
        try await GenesysFixture.with { fixture in
            let byEmail = GenesysContactDetails(externalID: "legacy", firstName: "Alan", lastName: "Turing", email: "alan@example.com")
            let legacy = try await fixture.genesys.upsertContact(byEmail)
            let result = try await fixture.genesys.upsertContact(GenesysContactDetails(session: Self.session))
            #expect(result.contact.id == legacy.contact.id)
            #expect(result.contact.externalIDs.contains("zd-100"))
            #expect(result.contact.externalIDs.contains("legacy"))
            #expect(fixture.emulator.contacts.count == 1)
        }
    }

    @Test func valuesBeyondGenesysLimitsAreLeftOutAndNamedNeverSent() async throws {
        try await GenesysFixture.with { fixture in
            let longID = String(repeating: "x", count: 300)
            let details = GenesysContactDetails(
                externalID: longID,
                firstName: "Ada",
                lastName: String(repeating: "L", count: 1001),
                email: "not an email",
                phone: "12"
            )
            // No identifier fits: nothing can be matched, so nothing is written.
            await #expect(throws: GenesysError.self) { try await fixture.genesys.upsertContact(details) }
            #expect(fixture.emulator.calls.count(matching: Self.enrich) == 0)

            var withEmail = details
            withEmail.email = "ada@example.com"
            let result = try await fixture.genesys.upsertContact(withEmail)
            #expect(result.omittedFields.contains("externalIds (value over 255 characters)"))
            #expect(result.omittedFields.contains("lastName (over 1000 characters)"))
            #expect(result.omittedFields.contains("cellPhone (not an E.164 number)"))
            #expect(!result.omittedFields.joined().contains(longID))
            let body = try #require(fixture.emulator.calls.calls(matching: Self.enrich).last?.bodyText)
            #expect(!body.contains(longID))
            #expect(!body.contains("LLLL"))
            #expect(result.contact.email == "ada@example.com")
            #expect(result.contact.firstName == "Ada")

            var badEmail = GenesysContactDetails(session: Self.session)
            badEmail.email = String(repeating: "a", count: 250) + "@example.com"
            let kept = try await fixture.genesys.upsertContact(badEmail)
            #expect(kept.omittedFields.contains { $0.hasPrefix("personalEmail") })
            #expect(kept.contact.externalIDs.contains("zd-100"))
        }
    }

    @Test func aStandInNameNeverReplacesARealOne() async throws {
        try await GenesysFixture.with { fixture in
            _ = try await fixture.genesys.upsertContact(GenesysContactDetails(session: Self.session))
            let nameless = GenesysContactDetails(externalID: "zd-100", email: "alan@example.com")
            let result = try await fixture.genesys.upsertContact(nameless)
            #expect(result.contact.firstName == "Alan" && result.contact.lastName == "Turing")
            let body = try #require(fixture.emulator.calls.calls(matching: Self.enrich).last?.bodyText)
            #expect(body.contains(#""action":"PreferExisting""#))
            // A new nameless contact gets the stand-in.
            let fresh = try await fixture.genesys.upsertContact(GenesysContactDetails(externalID: "zd-200"))
            #expect(fresh.contact.lastName == "zd-200")
        }
    }

    @Test func aContactGenesysMadeEphemeralIsPromoted() async throws {
        try await GenesysFixture.with { fixture in
            fixture.emulator.seedContact(type: "Ephemeral", externalID: "zd-100", sourceName: "Zendesk", lastName: "Visitor")
            let result = try await fixture.genesys.upsertContact(GenesysContactDetails(session: Self.session))
            #expect(fixture.emulator.contacts.count == 1)
            #expect(fixture.emulator.contacts.first?.id == result.contact.id)
            #expect(fixture.emulator.contacts.first?.type == "Curated")
        }
    }

    @Test func limitsAreCountedInUTF16Units() async throws {
        try await GenesysFixture.with { fixture in
            // 128 emoji: 128 characters, 256 UTF-16 units, one over the identifier limit.
            let emoji = String(repeating: "😀", count: 128)
            let result = try await fixture.genesys.upsertContact(GenesysContactDetails(externalID: emoji, lastName: "L", email: "e@example.com"))
            #expect(result.omittedFields.contains("externalIds (value over 255 characters)"))
            let fits = String(repeating: "😀", count: 127)
            let kept = try await fixture.genesys.upsertContact(GenesysContactDetails(externalID: fits, lastName: "L", email: "f@example.com"))
            #expect(kept.omittedFields.isEmpty)
            #expect(kept.contact.externalIDs == [fits])
        }
    }

    @Test func anInactiveSourceIsAConfigurationErrorNamedOnce() async throws {
        try await GenesysFixture.with { fixture in
            fixture.emulator.seedContact(type: "Curated", externalID: "x", sourceName: "Zendesk", lastName: "L")
            fixture.emulator.deactivateExternalSource(named: "Zendesk")
            do {
                _ = try await fixture.genesys.upsertContact(GenesysContactDetails(session: Self.session))
                Issue.record("an inactive source was used")
            } catch let error as GenesysError {
                #expect(error.code == .invalidConfiguration)
                #expect(error.reason.contains("inactive"))
            }
            #expect(fixture.emulator.calls.count(matching: EmulatorRoute(.post, "/api/v2/externalcontacts/externalsources")) == 0)
        }
    }

    @Test func aContactIsLinkedToAConversation() async throws {
        try await GenesysFixture.with { fixture in
            let contact = try await fixture.genesys.upsertContact(GenesysContactDetails(session: Self.session)).contact
            try await fixture.genesys.linkContact(contact.id, toConversation: "conversation-1", communicationID: "communication-1")
            #expect(fixture.emulator.contacts.first?.linkedConversations == ["conversation-1"])
            let body = try #require(
                fixture.emulator.calls.calls(matching: EmulatorRoute(.put, "/api/v2/externalcontacts/conversations/conversation-1")).first?.bodyText
            )
            #expect(body.contains(#""mediaType":"MESSAGE""#))
            await #expect(throws: GenesysError.self) { try await fixture.genesys.linkContact("no-such-contact", toConversation: "c") }
        }
    }
}
