/// What Genesys sends AuthBridge's messaging-context data action: from the inbound message flow
/// (`Message.ConversationId`, the sender's `addressDisplayable`, `Message.IsAuthenticated`), or from a
/// Process Automation trigger's workflow on `customer.start`, which may name the participant.
public struct MessagingContextRequest: Sendable, Hashable {
    /// The web messaging conversation.
    public var conversationID: String
    /// The OpenID `sub` Genesys has for the customer.
    public var subject: String
    /// Whether Genesys says the customer is authenticated.
    public var isAuthenticated: Bool
    /// The customer participant, when the caller knows it (the trigger's event does); a participant
    /// that is not the conversation's customer is a mismatch.
    public var participantID: String?

    /// Creates a request.
    /// - Parameters:
    ///   - conversationID: The conversation.
    ///   - subject: The `sub`.
    ///   - isAuthenticated: Whether the customer is authenticated.
    ///   - participantID: The customer participant, if known.
    public init(conversationID: String, subject: String, isAuthenticated: Bool, participantID: String? = nil) {
        self.conversationID = conversationID
        self.subject = subject
        self.isAuthenticated = isAuthenticated
        self.participantID = participantID
    }
}
