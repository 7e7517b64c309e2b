import AuthBridgeCore
import AuthBridgeGenesys
import AuthBridgeTesting
import Hummingbird
import Testing

@Suite struct GenesysExternalContactTests {
    static let session = VerifiedSession(subject: "zd-100", name: "Alan Turing", email: "Alan@Example.com", credentialKind: .ssoJWT)

    @Test func anUpsertRunTwiceGivesOneContact() async throws {
        try await GenesysFixture.with { fixture in
            let details = GenesysContactDetails(session: Self.session, context: CustomerContext(phone: "+44 20 7946 0958"))
            let first = try await fixture.genesys.upsertContact(details)
            let second = try await fixture.genesys.upsertContact(details)
            #expect(first.wasCreated)
            #expect(!second.wasCreated)
            #expect(first.contact.id == second.contact.id)
            #expect(fixture.emulator.contacts.count == 1)
            let stored = try #require(fixture.emulator.contacts.first)
            #expect(stored.identifiers.contains("ExternalId:zd-100"))
            #expect(stored.identifiers.contains("Email:alan@example.com"))
            #expect(stored.identifiers.contains("Phone:+442079460958"))
            #expect(second.contact.firstName == "Alan" && second.contact.lastName == "Turing")
            // Lookups by each identifier find the same contact.
            #expect(try await fixture.genesys.findContact(.email("alan@example.com"))?.id == first.contact.id)
            #expect(try await fixture.genesys.findContact(try .phone("+44 20 7946 0958"))?.id == first.contact.id)
            #expect(try await fixture.genesys.findContact(.externalID("someone-else")) == nil)
        }
    }

    @Test func concurrentUpsertsOfOneCustomerCreateOneContact() async throws {
        try await GenesysFixture.with { fixture in
            let details = GenesysContactDetails(session: Self.session)
            let results = try await withThrowingTaskGroup(of: GenesysContactUpsert.self) { group in
                for _ in 0..<8 { group.addTask { try await fixture.genesys.upsertContact(details) } }
                var all: [GenesysContactUpsert] = []
                for try await result in group { all.append(result) }
                return all
            }
            #expect(results.filter(\.wasCreated).count == 1)
            #expect(Set(results.map(\.contact.id)).count == 1)
            #expect(fixture.emulator.contacts.count == 1)
        }
    }

    @Test func aCreateWhoseAnswerIsLostIsFoundInsteadOfDuplicated() async throws {
        let configuration = GenesysCloudClient.Configuration(http: GenesysFixture.quickPolicy(timeout: .milliseconds(400)))
        try await GenesysFixture.with(configuration: configuration) { fixture in
            // The server is still working on the create when the client gives up.
            fixture.emulator.faults.inject(.delay(.milliseconds(500)), on: EmulatorRoute(.post, "/api/v2/externalcontacts/contacts"))
            let result = try await fixture.genesys.upsertContact(GenesysContactDetails(session: Self.session))
            #expect(fixture.emulator.calls.count(matching: EmulatorRoute(.post, "/api/v2/externalcontacts/contacts")) <= 2)
            try await Task.sleep(for: .milliseconds(700))
            #expect(fixture.emulator.contacts.count == 1)
            let again = try await fixture.genesys.upsertContact(GenesysContactDetails(session: Self.session))
            #expect(!again.wasCreated)
            #expect(again.contact.id == result.contact.id)
            #expect(fixture.emulator.contacts.count == 1)
        }
    }

    @Test func aContactFoundByEmailClaimsTheExternalID() async throws {
        try await GenesysFixture.with { fixture in
            let byEmail = GenesysContactDetails(externalID: "legacy", firstName: "Alan", lastName: "Turing", email: "alan@example.com")
            let legacy = try await fixture.genesys.upsertContact(byEmail)
            let result = try await fixture.genesys.upsertContact(GenesysContactDetails(session: Self.session))
            #expect(result.contact.id == legacy.contact.id)
            #expect(result.contact.externalIDs.contains("zd-100"))
            #expect(fixture.emulator.contacts.count == 1)
        }
    }
}
