internal import AuthBridgeJWT

/// Everything the Genesys emulator remembers, guarded by one lock in ``GenesysEmulatorBackend``.
struct GenesysEmulatorState {
    struct IssuedToken {
        var clientID: String
        var canSignData: Bool
        var expiresAt: ContinuousClock.Instant
        var windowStart: ContinuousClock.Instant
        var windowCount: Int
    }

    /// An identifier as Genesys keys it: type, value (emails lowercased) and, for `ExternalId`, its source.
    struct Identifier: Hashable {
        var type: String
        var value: String
        var sourceID: String?

        init(type: String, value: String, sourceID: String? = nil) {
            self.type = type
            self.value = type == "Email" ? value.lowercased() : value
            self.sourceID = type == "ExternalId" ? sourceID : nil
        }

        /// `ContactIdentifier` JSON.
        var json: JSONValue {
            var object: JSONObject = ["type": .string(self.type), "value": .string(self.value)]
            if let sourceID { object["externalSource"] = ["id": .string(sourceID)] }
            return .object(object)
        }
    }

    struct StoredContact {
        var body: JSONObject
        /// Claimed identifiers, in claim order.
        var claimed: [Identifier]
        var notes: [JSONObject]
    }

    struct StoredConversation {
        var id: String
        /// The guest member id: Genesys's communication id, not the participant id (`WebChatMemberInfo.id`
        /// vs `ChatMediaParticipant.id` in the 263 SDK models).
        var memberID: String
        /// The customer participant's id (`Participant.id` of `GET /api/v2/conversations/{id}`).
        var participantID: String
        var memberInfo: JSONObject
        var queueName: String
        var memberTokenClaims: JSONObject?
        var startTime = GenesysEmulatorBackend.now()
        var attributes: [String: String] = [:]
        var messages: [JSONObject] = []
        var hasLeft = false
    }

    /// A web messaging conversation: one authenticated (or guest) customer participant.
    struct StoredMessagingConversation {
        var id: String
        var participantID: String
        var subject: String
        var name: String?
        var isAuthenticated: Bool
        var externalContactID: String?
        var attributes: [String: String] = [:]
        var messages: [String] = []
        var startTime = GenesysEmulatorBackend.now()
    }

    struct MessengerSession {
        var id: String
        var deploymentID: String
        var integrationID: String
        var claims: JSONObject
        /// The provider's refresh token; `nil` when none was issued.
        var providerRefreshToken: String?
        var isRefreshing = false
        var refreshToken: String
        var refreshExpiresAt: ContinuousClock.Instant
        var refreshCount = 0
        var hasEnded = false
    }

    var tokens: [String: IssuedToken] = [:]
    var issuedByClient: [String: Int] = [:]
    var contacts: [String: StoredContact] = [:]
    var contactOrder: [String] = []
    /// Identifier → contact id, for identifier lookups.
    var identifierOwners: [Identifier: String] = [:]
    /// External Sources by id, and their names in creation order.
    var externalSources: [String: JSONObject] = [:]
    var externalSourceOrder: [String] = []
    /// Conversation id → the External Contact linked to it (`PUT /api/v2/externalcontacts/conversations/{id}`).
    var contactLinks: [String: String] = [:]
    var conversations: [String: StoredConversation] = [:]
    var messagingConversations: [String: StoredMessagingConversation] = [:]
    var messagingConversationOrder: [String] = []
    var inboundMessageFlow: GenesysEmulatorInboundMessageFlow?
    var conversationOrder: [String] = []
    var integrations: [String: GenesysEmulator.OpenIDIntegration] = [:]
    var deployments: [String: GenesysEmulator.MessengerDeployment] = [:]
    var messengerSessions: [String: MessengerSession] = [:]
    var messengerSessionOrder: [String] = []
    /// Genesys refresh token → session id.
    var messengerRefreshTokens: [String: String] = [:]

    /// Claims `identifier` for `contactID` unless another contact already holds it.
    mutating func claim(_ identifier: Identifier, for contactID: String) -> Bool {
        if let owner = self.identifierOwners[identifier], owner != contactID { return false }
        self.identifierOwners[identifier] = contactID
        if self.contacts[contactID]?.claimed.contains(identifier) == false {
            self.contacts[contactID]?.claimed.append(identifier)
        }
        return true
    }

    /// The identifiers a contact body implies: `externalIds` (with their source), email fields and the
    /// `e164` Genesys derived for phone fields.
    static func identifiers(in body: JSONObject) -> [Identifier] {
        var result: [Identifier] = []
        for item in body["externalIds"]?.arrayValue ?? [] {
            if let value = item.objectValue?["value"]?.stringValue {
                let source = item.objectValue?["externalSource"]?.objectValue?["id"]?.stringValue
                result.append(Identifier(type: "ExternalId", value: value, sourceID: source))
            }
        }
        for field in ["workEmail", "personalEmail", "otherEmail"] {
            if let email = body[field]?.stringValue, !email.isEmpty { result.append(Identifier(type: "Email", value: email)) }
        }
        for field in ["cellPhone", "workPhone", "homePhone", "otherPhone"] {
            if let phone = body[field]?.objectValue?["e164"]?.stringValue, phone.hasPrefix("+") {
                result.append(Identifier(type: "Phone", value: phone))
            }
        }
        return result
    }
}
