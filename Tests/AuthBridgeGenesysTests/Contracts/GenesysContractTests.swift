import AuthBridgeCore
import AuthBridgeGenesys
import AuthBridgeTesting
import Hummingbird
import Testing

@testable import AuthBridgeTestSupport

/// The Genesys client and emulator against Genesys's published definitions (`PureCloudPlatformClientV2`,
/// extracted by `Tests/Contracts/genesys/extract.py` into `genesys-contract.json`; no network).
@Suite struct GenesysContractTests {
    static let session = VerifiedSession(subject: "zd-contract-1", name: "Ada Lovelace", email: "ada@example.com", credentialKind: .messagingJWT)

    @Test func theExtractIsPinned() throws {
        let contract = try GenesysContract.load()
        #expect(contract.file.source.package == "PureCloudPlatformClientV2")
        #expect(contract.file.source.version == "269.0.0")
        #expect(contract.file.source.legacyVersion == "263.0.0")
        // The retired web chat operations are there, marked so; signed data is no operation at all.
        #expect(contract.operation(method: "POST", path: "/api/v2/webchat/guest/conversations")?.status == "retired")
        #expect(contract.operation(method: "PATCH", path: "/api/v2/conversations/chats/c/participants/p/attributes")?.status == "retired")
        #expect(contract.operation(method: "POST", path: "/api/v2/signeddata") == nil)
        #expect(contract.operation(method: "POST", path: "/api/v2/externalcontacts/contacts/enrich")?.requestModel == "ContactEnrichRequest")
    }

    /// The token lifetimes the emulator accepts and its default are the ones Genesys documents on the OAuth
    /// client model (the SDK states them only in prose: no minimum or maximum is encoded).
    @Test func theEmulatorsTokenLifetimesAreGenesyss() throws {
        let contract = try GenesysContract.load()
        let field = try #require(contract.file.models["OAuthClientRequest"]?.fields["accessTokenValiditySeconds"])
        #expect(field.type == "integer")
        let text = try #require(field.description)
        #expect(text.contains("between 5mins and 48hrs"), "\(text)")
        #expect(text.contains("default of 24 hours"), "\(text)")
        #expect(GenesysEmulator.Client.tokenLifetimeSeconds == (5 * 60)...(48 * 3600))
        #expect(GenesysEmulator.Client(id: "c", secret: "s").tokenLifetime == .seconds(24 * 3600))
    }

    @Test func everyRegionOfTheSDKIsKnown() throws {
        let contract = try GenesysContract.load()
        let names = Set(GenesysRegion.all.compactMap(\.name))
        #expect(names == Set(contract.file.regions.keys))
        for region in GenesysRegion.all {
            let name = try #require(region.name)
            #expect(contract.file.regions[name]?.api == region.apiBaseURL, "\(name)")
        }
    }

    @Test func everyEmulatorRouteIsAnOperationOfTheDefinition() throws {
        let contract = try GenesysContract.load()
        let routes = GenesysEmulator.servedRoutes
        #expect(routes.count > 20)
        for route in routes {
            let method = route.method?.rawValue ?? "*"
            // Browsers' CORS preflights are no API operation.
            if method == "OPTIONS" { continue }
            let named = "\(method) \(route.pattern)"
            if GenesysContract.isEmulatorOnly(method: method, path: route.pattern) { continue }
            #expect(contract.operation(method: method, path: route.pattern) != nil, "\(named) is not in Genesys's definitions")
        }
    }

    /// Every operation the client has, against the emulator; then every request it sent and every answer
    /// the emulator gave is checked against the definition.
    @Test func everyCallOfTheClientAndEveryAnswerOfTheEmulatorMatchTheDefinition() async throws {
        let contract = try GenesysContract.load()
        try await GenesysFixture.with(.init(requiresMemberAuthentication: true, legacyWebChat: true)) { fixture in
            let genesys = fixture.genesys
            let details = GenesysContactDetails(session: Self.session, context: CustomerContext(phone: "+44 20 7946 0958"))
            let contact = try await genesys.upsertContact(details).contact
            _ = try await genesys.upsertContact(details)
            _ = try await genesys.findContact(.externalID(Self.session.subject))
            _ = try await genesys.findContact(.email("nobody@example.com"))
            let transcript = Transcript(
                source: "zendesk-chat",
                conversationID: "chat-1",
                messages: [TranscriptMessage(role: .customer, displayName: "Ada", text: "Hello", originalType: "chat.msg")]
            )
            _ = try await genesys.appendTranscript(transcript, toContact: contact.id)
            try await genesys.linkContact(contact.id, toConversation: "conversation-1", communicationID: "communication-1")
            // Legacy web chat, with the switch on: guest chat, participant attributes on the participant.
            let guest = try await genesys.createGuestConversation(
                GenesysGuestChatRequest(
                    organizationID: "emulated-org",
                    deploymentID: "emulated-deployment",
                    routingTarget: GenesysRoutingTarget(queueName: "Support"),
                    session: Self.session,
                    authentication: .signedMemberToken
                )
            )
            let participant = try await genesys.customerParticipantID(conversationID: guest.conversationID)
            let attributes = try genesys.contextAttributes(session: Self.session, context: nil)
            try await genesys.setParticipantAttributes(attributes, conversationID: guest.conversationID, participantID: participant, mediaType: .any)
            try await genesys.leaveGuestConversation(guest)
            // Web messaging: the conversation by its messaging and its media-independent path, attributes
            // on the messages path, a deployment and its identity resolution.
            let messaging = fixture.emulator.openMessagingConversation(subject: Self.session.subject, name: "Ada")
            let customer = try await genesys.messagingCustomer(conversationID: messaging.id)
            #expect(try await genesys.customerParticipantID(conversationID: messaging.id) == customer.participantID)
            try await genesys.setParticipantAttributes(attributes, conversationID: messaging.id, participantID: customer.participantID)
            try await genesys.linkContact(contact.id, toConversation: messaging.id)
            fixture.emulator.deploy(GenesysEmulator.MessengerDeployment(id: "deployment-1"))
            _ = try await genesys.messengerDeployment(id: "deployment-1")
            // An error answer is an ErrorBody.
            await #expect(throws: GenesysError.self) { try await genesys.customerParticipantID(conversationID: "missing") }

            let calls = fixture.emulator.calls.all
            #expect(calls.count > 12)
            for call in calls {
                let problems = contract.problems(of: call, legacy: true)
                #expect(problems.isEmpty, "\(problems)")
            }
        }
    }

    @Test func theChecksCatchWhatTheDefinitionForbids() throws {
        let contract = try GenesysContract.load()
        func call(_ method: HTTPRequest.Method, _ path: String, query: String? = nil, body: String) -> RecordedCall {
            RecordedCall(method: method, path: path, query: query, headers: [:], body: Array(body.utf8))
        }
        // e164 is read-only: the number goes in display.
        let readOnly = contract.problems(
            of: call(.post, "/api/v2/externalcontacts/contacts", body: #"{"lastName":"L","cellPhone":{"e164":"+4712345678"}}"#),
            legacy: false
        )
        #expect(readOnly.contains { $0.contains("e164: read-only") })
        #expect(
            contract.problems(of: call(.post, "/api/v2/externalcontacts/contacts/enrich", body: #"{"action":"Sometimes"}"#), legacy: false).contains {
                $0.contains("not one of")
            })
        #expect(
            contract.problems(of: call(.post, "/api/v2/externalcontacts/contacts", body: #"{"nickname":"x"}"#), legacy: false).contains {
                $0.contains("not a field")
            })
        let long = String(repeating: "x", count: 256)
        #expect(
            contract.problems(
                of: call(.post, "/api/v2/externalcontacts/identifierlookup/contacts", body: #"{"type":"ExternalId","value":"\#(long)"}"#),
                legacy: false
            ).contains { $0.contains("over 255") })
        #expect(
            contract.problems(of: call(.get, "/api/v2/externalcontacts/contacts/c/notes", query: "pageSize=1&bogus=2", body: ""), legacy: false)
                .contains { $0.contains("bogus") })
        #expect(
            contract.problems(of: call(.post, "/api/v2/webchat/guest/conversations", body: "{}"), legacy: false).contains { $0.contains("retired") })
        #expect(contract.problems(of: call(.post, "/api/v2/nothing/here", body: ""), legacy: false).contains { $0.contains("not an operation") })
        // The retired chats path is never allowed, even with the legacy switch; a broader route is no operation.
        #expect(
            contract.problems(of: call(.patch, "/api/v2/conversations/chats/c/participants/p/attributes", body: "{}"), legacy: true).contains {
                $0.contains("retired")
            })
        #expect(contract.operation(method: "PATCH", path: "/api/v2/conversations/:media/:id/participants/:pid/attributes") == nil)
        #expect(!GenesysContract.isEmulatorOnly(method: "GET", path: "/oauth/token"))
        var empty = call(.post, "/api/v2/externalcontacts/contacts", body: #"{"lastName":"L"}"#)
        empty.responseStatus = 200
        #expect(contract.problems(of: empty, legacy: false).contains { $0.contains("without the ExternalContact body") })
    }
}
