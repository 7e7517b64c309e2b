internal import AuthBridgeJWT
internal import Hummingbird
public import Logging
import Synchronization

/// A Genesys Cloud organization on `127.0.0.1`, for tests of code that talks to Genesys.
///
/// Every route it serves is an operation of Genesys's published definitions (the official SDK 269.0.0,
/// extracted in `Tests/Contracts/genesys/genesys-contract.json`; ``servedRoutes`` lists them and a
/// contract test checks them, and its answers, against the extract), apart from `/oauth/token` on the
/// login host (Basic client authentication, form body, client-credentials grant, configured lifetimes;
/// a wrong secret gets `401 invalid_client`). It serves: External Contacts (enrich, identifier lookup,
/// create, update, identifier claims, notes; `ExternalId`s must reference an existing External Source;
/// phones keep only `display` and derive the read-only `e164`; the definitions' limits answer 400),
/// External Sources (unique names), contact–conversation links, conversations with their customer
/// participant, web messaging conversations (``openMessagingConversation(subject:name:isAuthenticated:text:)``
/// opens one as a customer's first message does), participant attributes, and Messenger's authenticated sign-in
/// (`/api/v2/webdeployments/token/…`, an OpenID relying party over HTTP; see ``install(_:)``).
///
/// The retired web chat APIs (guest chat, the chats participant-attributes path, `/api/v2/signeddata`)
/// answer 404 with an `ErrorBody`, as removed APIs do, unless ``Configuration/legacyWebChat`` is set.
/// Errors use the platform `ErrorBody` shape; every response has an `inin-correlation-id` header;
/// each access token may make ``Configuration/rateLimitPerToken`` API calls per window, then gets
/// `429` with `Retry-After`. Faults are injected per route with the shared ``EmulatorFaults`` model, and
/// every call is recorded in ``calls`` with the emulator's answer.
///
/// ```swift
/// let genesys = try await GenesysEmulator.start()
/// let region = try GenesysRegion.custom(baseURL: genesys.baseURL)     // AuthBridgeGenesys
/// // … run the code under test …
/// #expect(genesys.tokensIssued == 1)
/// genesys.faults.inject(.respond(status: .serviceUnavailable), on: EmulatorRoute(.post, "/api/v2/externalcontacts/contacts/enrich"))
/// await genesys.stop()
/// ```
///
/// Two emulators are two regions: a token issued by one is refused (`401 bad.credentials`) by the other.
///
/// Not emulated: the guest chat event-stream websocket (`eventStreamUri` points at this server but
/// nothing answers there) and routing to agents. Where the reference leaves Genesys's behaviour
/// unconfirmed (the `/oauth/token` error body, error `code` strings, whether creates deduplicate
/// identifiers, the status of a duplicate External Source name, the exact message of a removed API's
/// 404), the emulator picks the stricter plausible answer: OAuth-style `invalid_client` bodies, creates
/// that never deduplicate, 409 for a duplicate source name, and `not.found` for a removed API. Where the
/// definition says an operation answers no body (the media-independent attributes PATCH, the
/// contact–conversation link), the emulator answers 202; the status is not in the definition.
public final class GenesysEmulator: Sendable {
    private let server: EmulatorServer
    let backend: GenesysEmulatorBackend

    private init(server: EmulatorServer, backend: GenesysEmulatorBackend) {
        self.server = server
        self.backend = backend
    }

    /// Starts an emulator and returns once it listens.
    /// - Parameters:
    ///   - configuration: The emulated organization.
    ///   - port: The loopback port; default 0, an ephemeral one.
    ///   - logger: The server's logger; default discards everything.
    /// - Returns: The running emulator.
    /// - Throws: ``EmulatorError`` or the bind error.
    public static func start(
        _ configuration: Configuration = Configuration(),
        port: Int = 0,
        logger: Logger? = nil
    ) async throws -> GenesysEmulator {
        let backend = try GenesysEmulatorBackend(configuration: configuration)
        let server = try await EmulatorServer.start(
            router: Self.router(backend),
            maximumRequestBodySize: configuration.maximumRequestBodySize,
            port: port,
            logger: logger
        )
        backend.baseURL.withLock { $0 = server.baseURL }
        return GenesysEmulator(server: server, backend: backend)
    }

    /// Every route the emulator serves, as `METHOD /path/:param` (legacy web chat routes included; they
    /// answer 404 unless ``Configuration/legacyWebChat`` is set). A contract test checks each against
    /// Genesys's published definitions.
    public static var servedRoutes: [EmulatorRoute] {
        guard let backend = try? GenesysEmulatorBackend(configuration: Configuration()) else { return [] }
        return Self.router(backend).routes.map { EmulatorRoute($0.method, $0.path.description) }
    }

    /// Stops the server; returns when it and its tasks have ended.
    public func stop() async {
        await self.server.stop()
    }

    /// `http://127.0.0.1:<port>`: the login and API host of this emulated region.
    public var baseURL: String { self.server.baseURL }

    /// The port the emulator listens on.
    public var port: Int { self.server.port }

    /// The region label from the configuration.
    public var regionName: String { self.backend.configuration.regionName }

    /// The faults armed on this emulator (the model shared by every AuthBridge emulator).
    public var faults: EmulatorFaults { self.server.faults }

    /// Every request this emulator received.
    public var calls: EmulatorCallRecorder { self.server.calls }

    /// How many access tokens `/oauth/token` issued, for all clients.
    public var tokensIssued: Int {
        self.backend.state.withLock { $0.issuedByClient.values.reduce(0, +) }
    }

    /// How many access tokens were issued to one client.
    /// - Parameter clientID: The client id.
    /// - Returns: The count.
    public func tokensIssued(to clientID: String) -> Int {
        self.backend.state.withLock { $0.issuedByClient[clientID] ?? 0 }
    }

    /// Forgets every issued token, as if they were revoked or expired: the next API call with one gets 401.
    public func revokeAllTokens() {
        self.backend.state.withLock { $0.tokens.removeAll() }
    }

    /// The External Contacts, in creation order.
    public var contacts: [GenesysEmulatorContact] {
        self.backend.state.withLock { state in
            state.contactOrder.compactMap { id in
                state.contacts[id].map { contact in
                    GenesysEmulatorContact(
                        id: id,
                        json: JSONValue.object(contact.body).serialized,
                        identifiers: contact.claimed.map { "\($0.type):\($0.value)" },
                        externalSourceNames: contact.claimed.compactMap { identifier in
                            identifier.sourceID.flatMap { state.externalSources[$0]?["name"]?.stringValue }
                        },
                        linkedConversations: state.contactLinks.filter { $0.value == id }.keys.sorted(),
                        type: contact.body["type"]?.stringValue ?? "",
                        notes: contact.notes.compactMap { $0["noteText"]?.stringValue }
                    )
                }
            }
        }
    }

    /// Adds a contact as Genesys's own identity resolution would have made it (for example `Ephemeral`,
    /// with an `ExternalId` in the named External Source, created if needed), and returns its id.
    /// - Parameters:
    ///   - type: `Ephemeral`, `Identified` or `Curated`.
    ///   - externalID: The `ExternalId` value.
    ///   - sourceName: The External Source's name.
    ///   - lastName: The contact's last name.
    /// - Returns: The contact id.
    @discardableResult
    public func seedContact(type: String, externalID: String, sourceName: String, lastName: String) -> String {
        self.backend.state.withLock { state in
            let sourceID =
                state.externalSources.first { $0.value["name"]?.stringValue == sourceName }?.key
                ?? {
                    let id = GenesysEmulatorBackend.newID()
                    state.externalSources[id] = ["id": .string(id), "name": .string(sourceName), "active": true]
                    state.externalSourceOrder.append(id)
                    return id
                }()
            let id = GenesysEmulatorBackend.newID()
            let body: JSONObject = [
                "id": .string(id), "type": .string(type), "lastName": .string(lastName),
                "externalIds": [["externalSource": ["id": .string(sourceID)], "value": .string(externalID)]],
            ]
            state.contacts[id] = GenesysEmulatorState.StoredContact(body: body, claimed: [], notes: [])
            state.contactOrder.append(id)
            for identifier in GenesysEmulatorState.identifiers(in: body) { _ = state.claim(identifier, for: id) }
            return id
        }
    }

    /// Marks the External Source named `name` inactive, as an administrator can.
    /// - Parameter name: The source's name.
    public func deactivateExternalSource(named name: String) {
        self.backend.state.withLock { state in
            for (id, source) in state.externalSources where source["name"]?.stringValue == name {
                state.externalSources[id]?["active"] = false
            }
        }
    }

    /// The External Sources, by name, in creation order.
    public var externalSourceNames: [String] {
        self.backend.state.withLock { state in
            state.externalSourceOrder.compactMap { state.externalSources[$0]?["name"]?.stringValue }
        }
    }

    /// The guest chats, in creation order.
    public var conversations: [GenesysEmulatorConversation] {
        self.backend.state.withLock { state in
            state.conversationOrder.compactMap { id in
                state.conversations[id].map { conversation in
                    var fields: [String: String] = [:]
                    for (name, value) in conversation.memberInfo["customFields"]?.objectValue ?? JSONObject() {
                        fields[name] = value.stringValue
                    }
                    return GenesysEmulatorConversation(
                        id: id,
                        memberID: conversation.memberID,
                        participantID: conversation.participantID,
                        displayName: conversation.memberInfo["displayName"]?.stringValue ?? "",
                        customFields: fields,
                        memberInfoJSON: JSONValue.object(conversation.memberInfo).serialized,
                        queueName: conversation.queueName,
                        isAuthenticated: conversation.memberTokenClaims != nil,
                        memberTokenClaimsJSON: conversation.memberTokenClaims.map { JSONValue.object($0).serialized },
                        participantAttributes: conversation.attributes,
                        messages: conversation.messages.compactMap { $0["body"]?.stringValue },
                        hasLeft: conversation.hasLeft
                    )
                }
            }
        }
    }

    /// The claims of a member token or guest JWT this emulator signed, as serialized JSON, or `nil` when
    /// it did not sign it (or it expired).
    /// - Parameter token: The JWT.
    /// - Returns: The claims.
    public func verifiedClaims(of token: String) -> String? {
        (try? self.backend.verifier.verify(token)).map { JSONValue.object($0.claims.members).serialized }
    }
}
