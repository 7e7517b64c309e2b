/// How much earlier history the bridge finds for a customer: the most recent conversations, up to a
/// count and an age.
public struct HistoryWindow: Sendable, Hashable {
    /// The most conversations carried per source (Messaging and Chat each); default 3.
    public var maximumConversations: Int
    /// The oldest conversation carried: a Messaging conversation by its last activity, a Chat by its
    /// start; default 30 days.
    public var maximumAge: Duration

    /// Creates a window.
    /// - Parameters:
    ///   - maximumConversations: Default 3; at least 0 (0 turns finding off, a page's hint still counts).
    ///   - maximumAge: Default 30 days.
    public init(maximumConversations: Int = 3, maximumAge: Duration = .seconds(30 * 86_400)) {
        self.maximumConversations = max(maximumConversations, 0)
        self.maximumAge = maximumAge
    }
}
