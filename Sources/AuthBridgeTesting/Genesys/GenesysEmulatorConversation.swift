/// A guest chat as the ``GenesysEmulator`` stores it, for assertions.
public struct GenesysEmulatorConversation: Sendable, Hashable {
    /// The conversation id.
    public let id: String
    /// The guest member's id: its communication id, which is not its participant id.
    public let memberID: String
    /// The customer participant's id, as `GET /api/v2/conversations/{id}` lists it.
    public let participantID: String
    /// `memberInfo.displayName`.
    public let displayName: String
    /// `memberInfo.customFields`.
    public let customFields: [String: String]
    /// The `memberInfo` object as received, serialized JSON.
    public let memberInfoJSON: String
    /// The queue named by `routingTarget.targetAddress`.
    public let queueName: String
    /// Whether the create request carried a valid `memberAuthToken`.
    public let isAuthenticated: Bool
    /// The claims of that member token, serialized JSON, if there was one.
    public let memberTokenClaimsJSON: String?
    /// Participant attributes set on the customer participant, merged.
    public let participantAttributes: [String: String]
    /// Message bodies the guest sent, oldest first.
    public let messages: [String]
    /// Whether the guest left (`DELETE …/members/{memberId}`).
    public let hasLeft: Bool
}
