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

    struct StoredContact {
        var body: JSONObject
        /// Claimed identifiers as `Type:value`, in claim order.
        var claimed: [String]
        var notes: [JSONObject]
    }

    struct StoredConversation {
        var id: String
        var memberID: String
        var memberInfo: JSONObject
        var queueName: String
        var memberTokenClaims: JSONObject?
        var attributes: [String: String] = [:]
        var messages: [JSONObject] = []
        var hasLeft = false
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
    /// `Type:value` → contact id, for identifier lookups.
    var identifierOwners: [String: String] = [:]
    var conversations: [String: StoredConversation] = [:]
    var conversationOrder: [String] = []
    var integrations: [String: GenesysEmulator.OpenIDIntegration] = [:]
    var deployments: [String: GenesysEmulator.MessengerDeployment] = [:]
    var messengerSessions: [String: MessengerSession] = [:]
    var messengerSessionOrder: [String] = []
    /// Genesys refresh token → session id.
    var messengerRefreshTokens: [String: String] = [:]

    /// Claims `identifier` for `contactID` unless another contact already holds it.
    mutating func claim(_ identifier: String, for contactID: String) -> Bool {
        if let owner = self.identifierOwners[identifier], owner != contactID { return false }
        self.identifierOwners[identifier] = contactID
        if self.contacts[contactID]?.claimed.contains(identifier) == false {
            self.contacts[contactID]?.claimed.append(identifier)
        }
        return true
    }

    /// The identifiers a contact body implies: `externalIds`, email fields and E.164 phone fields.
    static func identifiers(in body: JSONObject) -> [String] {
        var result: [String] = []
        for item in body["externalIds"]?.arrayValue ?? [] {
            if let value = item.objectValue?["value"]?.stringValue { result.append("ExternalId:" + value) }
        }
        for field in ["workEmail", "personalEmail", "otherEmail"] {
            if let email = body[field]?.stringValue, !email.isEmpty { result.append("Email:" + email.lowercased()) }
        }
        for field in ["cellPhone", "workPhone", "homePhone", "otherPhone"] {
            if let phone = body[field]?.objectValue?["e164"]?.stringValue, phone.hasPrefix("+") {
                result.append("Phone:" + phone)
            }
        }
        return result
    }
}
