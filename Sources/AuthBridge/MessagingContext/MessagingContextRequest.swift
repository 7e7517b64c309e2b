/// What Genesys sends AuthBridge's messaging-context data action: from the inbound message flow
/// (`Message.ConversationId`, the sender's `addressDisplayable`, `Message.IsAuthenticated`), or from a
/// Process Automation trigger's workflow on `customer.start` (which adds the participant and contact ids).
public struct MessagingContextRequest: Sendable, Hashable {
    /// The web messaging conversation.
    public var conversationID: String
    /// The OpenID `sub` Genesys has for the customer.
    public var subject: String
    /// Whether Genesys says the customer is authenticated.
    public var isAuthenticated: Bool
    /// The customer participant, when the caller knows it (the trigger's event does).
    public var participantID: String?
    /// The External Contact Genesys resolved, when the caller knows it.
    public var externalContactID: String?

    /// Creates a request.
    /// - Parameters:
    ///   - conversationID: The conversation.
    ///   - subject: The `sub`.
    ///   - isAuthenticated: Whether the customer is authenticated.
    ///   - participantID: The customer participant, if known.
    ///   - externalContactID: The resolved External Contact, if known.
    public init(conversationID: String, subject: String, isAuthenticated: Bool, participantID: String? = nil, externalContactID: String? = nil) {
        self.conversationID = conversationID
        self.subject = subject
        self.isAuthenticated = isAuthenticated
        self.participantID = participantID
        self.externalContactID = externalContactID
    }
}
