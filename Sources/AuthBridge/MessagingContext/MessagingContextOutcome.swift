public import AuthBridgeJWT

/// What the messaging-context data action did, as the flat JSON its translation map reads.
public struct MessagingContextOutcome: Sendable, Hashable {
    /// The outcome's kind: a struct over a private enum, so kinds can be added.
    public struct Status: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: String, Sendable {
            case written, alreadyWritten, inProgress, notAuthenticated, unknownSubject, mismatch, unknownConversation
        }

        private let kind: Kind

        /// The context was written to the conversation (the history may still be on its way).
        public static let written = Status(kind: .written)
        /// An earlier call (a retry, another replica, the backstop) wrote it; nothing was written again.
        public static let alreadyWritten = Status(kind: .alreadyWritten)
        /// Another call is writing it now; nothing was written by this one.
        public static let inProgress = Status(kind: .inProgress)
        /// Genesys says the customer is not authenticated: nothing is trusted, nothing written.
        public static let notAuthenticated = Status(kind: .notAuthenticated)
        /// No Zendesk session is bound to the subject (signed in elsewhere, expired, signed out).
        public static let unknownSubject = Status(kind: .unknownSubject)
        /// The conversation's customer is not this subject: nothing written.
        public static let mismatch = Status(kind: .mismatch)
        /// Genesys has no such conversation (404): a call naming an id that is not, or no longer, a
        /// conversation; nothing written.
        public static let unknownConversation = Status(kind: .unknownConversation)

        /// The name the flow routes on.
        public var description: String { self.kind.rawValue }
    }

    /// What happened.
    public var status: Status
    /// The customer participant written to.
    public var participantID: String?
    /// The External Contact upserted and linked.
    public var externalContactID: String?
    /// The Zendesk user id of the customer, when known.
    public var zendeskUserID: String?
    /// The Zendesk ticket in the customer's context, when known.
    public var zendeskTicketID: String?
    /// The customer's email, when known.
    public var email: String?
    /// Whether the earlier conversation is carried (as contact notes) or there was none to carry; `false`
    /// while it is still being read.
    public var historyCarried: Bool

    /// Creates an outcome.
    /// - Parameters:
    ///   - status: What happened.
    ///   - participantID: The participant.
    ///   - externalContactID: The contact.
    ///   - zendeskUserID: The Zendesk user id.
    ///   - zendeskTicketID: The ticket id.
    ///   - email: The email.
    ///   - historyCarried: Whether the history is carried.
    public init(
        status: Status,
        participantID: String? = nil,
        externalContactID: String? = nil,
        zendeskUserID: String? = nil,
        zendeskTicketID: String? = nil,
        email: String? = nil,
        historyCarried: Bool = false
    ) {
        self.status = status
        self.participantID = participantID
        self.externalContactID = externalContactID
        self.zendeskUserID = zendeskUserID
        self.zendeskTicketID = zendeskTicketID
        self.email = email
        self.historyCarried = historyCarried
    }

    /// The flat object the data action answers: every key always present (empty strings for unknowns),
    /// since a translation map path that finds nothing fails the action.
    public var json: JSONObject {
        [
            "status": .string(self.status.description),
            "participantId": .string(self.participantID ?? ""),
            "externalContactId": .string(self.externalContactID ?? ""),
            "zendeskUserId": .string(self.zendeskUserID ?? ""),
            "zendeskTicketId": .string(self.zendeskTicketID ?? ""),
            "email": .string(self.email ?? ""),
            "historyCarried": .bool(self.historyCarried),
        ]
    }
}
