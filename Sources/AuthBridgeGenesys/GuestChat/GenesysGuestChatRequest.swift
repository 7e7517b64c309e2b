public import AuthBridgeCore

/// What a server-side guest chat is created with: deployment, routing, the verified customer and the
/// Zendesk context that travels with them.
public struct GenesysGuestChatRequest: Sendable {
    /// The Genesys organization id.
    public var organizationID: String
    /// The Web Chat deployment id.
    public var deploymentID: String
    /// Where the chat is routed.
    public var routingTarget: GenesysRoutingTarget
    /// The verified customer; fills `memberInfo` and the identity custom fields.
    public var session: VerifiedSession
    /// Zendesk context (ticket, tags, department, page); goes into custom fields.
    public var context: CustomerContext?
    /// The Zendesk chat or conversation id the customer comes from.
    public var sourceConversationID: String?
    /// A link to the Zendesk transcript, for the agent.
    public var transcriptLink: String?
    /// A short transcript summary, for the agent; truncated to the value cap.
    public var transcriptSummary: String?
    /// The phone number, E.164 (`+` and 8–15 digits; spaces, dashes and parentheses are removed).
    public var phoneNumber: String?
    /// An avatar image URL (`https` only).
    public var avatarImageURL: String?
    /// More custom fields, added after identity and context while the caps allow.
    public var customFields: [String: String]
    /// Whether to send a member token.
    public var authentication: GenesysGuestAuthentication

    /// Creates a request.
    /// - Parameters:
    ///   - organizationID: The organization id.
    ///   - deploymentID: The deployment id.
    ///   - routingTarget: Where the chat is routed.
    ///   - session: The verified customer.
    ///   - context: Zendesk context.
    ///   - sourceConversationID: The Zendesk chat or conversation id.
    ///   - transcriptLink: A link to the transcript.
    ///   - transcriptSummary: A short summary.
    ///   - phoneNumber: The phone number in E.164.
    ///   - avatarImageURL: An avatar image URL.
    ///   - customFields: More custom fields.
    ///   - authentication: Whether to send a member token; default ``GenesysGuestAuthentication/anonymous``.
    public init(
        organizationID: String,
        deploymentID: String,
        routingTarget: GenesysRoutingTarget,
        session: VerifiedSession,
        context: CustomerContext? = nil,
        sourceConversationID: String? = nil,
        transcriptLink: String? = nil,
        transcriptSummary: String? = nil,
        phoneNumber: String? = nil,
        avatarImageURL: String? = nil,
        customFields: [String: String] = [:],
        authentication: GenesysGuestAuthentication = .anonymous
    ) {
        self.organizationID = organizationID
        self.deploymentID = deploymentID
        self.routingTarget = routingTarget
        self.session = session
        self.context = context
        self.sourceConversationID = sourceConversationID
        self.transcriptLink = transcriptLink
        self.transcriptSummary = transcriptSummary
        self.phoneNumber = phoneNumber
        self.avatarImageURL = avatarImageURL
        self.customFields = customFields
        self.authentication = authentication
    }
}
