/// A page's hint at an earlier Zendesk conversation of the customer's.
///
/// The bridge finds the customer's recent conversations itself, from the verified identity
/// (``HistorySources``, ``HistoryWindow``); a hint adds one it may have missed, and is read only when its
/// customer is the session's (same external id, same email address, or, for an OAuth session, the same
/// Zendesk user). It comes from the browser, so it is never trusted for more.
public enum HistoryReference: Sendable, Hashable {
    /// A legacy Zendesk Chat, by its chat id.
    case zendeskChat(chatID: String)
    /// A Zendesk Messaging (Sunshine Conversations) conversation; `userID` is accepted for compatibility
    /// and ignored: the user is found from the verified session.
    case sunshineConversation(conversationID: String, userID: String?)
}
