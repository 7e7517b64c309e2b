/// Where the customer's earlier Zendesk conversation is, so the bridge can carry its transcript into
/// Genesys.
public enum HistoryReference: Sendable, Hashable {
    /// A legacy Zendesk Chat, by its chat id.
    case zendeskChat(chatID: String)
    /// A Zendesk Messaging (Sunshine Conversations) conversation, and optionally its user id.
    case sunshineConversation(conversationID: String, userID: String?)
}
