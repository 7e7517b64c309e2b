// The Genesys client on a broker's service token: AuthBridgeGenesys's example, compiled.
import AsyncHTTPClient
import AuthBridgeCore
import AuthBridgeGenesys
import Logging

// snippet.hide
let logger = Logger(label: "snippet")
func carry(
    id: String, secret: String, httpClient: HTTPClient, session: VerifiedSession, context: CustomerContext,
    transcript: Transcript, conversationID: String
) async throws {
    // snippet.show
    let region = try GenesysRegion("eu_west_1")
    let credentials = GenesysCredentials(clientID: id, clientSecret: Secret(secret), region: region)
    let provider = GenesysTokenProvider(httpClient: httpClient, credentials: [credentials], logger: logger)
    let broker = TokenBroker(provider: provider, configuration: .init(name: "genesys"), logger: logger)
    let genesys = GenesysCloudClient(
        httpClient: httpClient, serviceToken: broker.handle(for: credentials.client),
        logger: logger)

    // The customer's External Contact (enrich, Upsert; ExternalId in the "Zendesk" External Source),
    // the earlier chat as its notes, and the contact linked to the messaging conversation.
    let upsert = try await genesys.upsertContact(GenesysContactDetails(session: session, context: context))
    _ = try await genesys.appendTranscript(transcript, toContact: upsert.contact.id)
    try await genesys.linkContact(upsert.contact.id, toConversation: conversationID)
    // snippet.hide
    await broker.shutdown()
}
