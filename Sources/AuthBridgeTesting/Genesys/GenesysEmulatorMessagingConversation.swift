/// A web messaging conversation as the ``GenesysEmulator`` stores it, and what the agent who takes it sees.
public struct GenesysEmulatorMessagingConversation: Sendable, Hashable {
    /// The conversation id (the flow's `Message.ConversationId`).
    public let id: String
    /// The customer participant's id.
    public let participantID: String
    /// The customer's `fromAddress.addressDisplayable`: the OpenID `sub` when authenticated.
    public let subject: String
    /// Whether the customer signed in through Messenger's OpenID integration.
    public let isAuthenticated: Bool
    /// Participant attributes on the customer, merged (the agent's participant data).
    public let attributes: [String: String]
    /// The External Contact linked to the conversation (`PUT /api/v2/externalcontacts/conversations/{id}`),
    /// or the one identity resolution found.
    public let contactID: String?
    /// That contact's notes, oldest first (what the agent reads on the contact).
    public let contactNotes: [String]
    /// The customer's messages, oldest first.
    public let messages: [String]
}
