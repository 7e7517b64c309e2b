import AuthBridgeCore
public import AuthBridgeZendesk
import Logging

/// The Zendesk history readers the bridge may use. With a reader, the bridge finds the customer's recent
/// conversations of its kind from the verified identity; a ``HistoryReference`` from the page is only a
/// hint, read when it belongs to the customer. Without one, nothing of its kind is read.
public struct HistorySources: Sendable {
    let zendeskChat: (@Sendable (String, Logger) async throws -> ZendeskHistory)?
    /// A page's conversation, if it is the customer's: (conversation id, external id, verified email,
    /// Support user id, logger).
    let sunshine: (@Sendable (String, String?, String?, String?, Logger) async throws -> ZendeskHistory?)?
    /// Chats by verified visitor email: (email, count, since, logger).
    let recentChats: (@Sendable (String, Int, Double, Logger) async throws -> [ZendeskHistory])?
    /// Messaging conversations by external id or verified email: (external id, email, count, since, logger).
    let recentConversations: (@Sendable (String?, String?, Int, Double, Logger) async throws -> [ZendeskHistory])?
    let window: HistoryWindow
    /// The Support ticket behind a conversation's context.
    var ticket: (@Sendable (CustomerContext, Logger) async throws -> CustomerTicket?)?
    /// The Support user behind an OAuth session, by id.
    var supportUser: (@Sendable (String, Logger) async throws -> ZendeskSupportUser?)?

    /// No history reading.
    public init() {
        self.zendeskChat = nil
        self.sunshine = nil
        self.recentChats = nil
        self.recentConversations = nil
        self.window = HistoryWindow()
    }

    /// Reads history with the given readers.
    /// - Parameters:
    ///   - zendeskChat: Reads legacy Zendesk Chat transcripts.
    ///   - sunshine: Reads Zendesk Messaging conversations.
    ///   - window: How many recent conversations, and how old, are found per source.
    public init<C: Clock>(
        zendeskChat: ZendeskChatHistoryReader<C>?,
        sunshine: SunshineConversationsReader? = nil,
        window: HistoryWindow = HistoryWindow()
    ) where C.Duration == Duration {
        if let zendeskChat {
            self.zendeskChat = { @Sendable chatID, logger in try await zendeskChat.read(chatID: chatID, logger: logger) }
            self.recentChats = { @Sendable email, count, since, logger in
                try await zendeskChat.recentHistory(visitorEmail: email, maximumChats: count, since: since, logger: logger)
            }
        } else {
            self.zendeskChat = nil
            self.recentChats = nil
        }
        if let sunshine {
            self.sunshine = { @Sendable conversationID, externalID, email, zendeskUserID, logger in
                try await sunshine.history(
                    ofConversation: conversationID, externalID: externalID, email: email, zendeskUserID: zendeskUserID, logger: logger)
            }
            self.recentConversations = { @Sendable externalID, email, count, since, logger in
                try await sunshine.recentHistory(externalID: externalID, email: email, maximumConversations: count, since: since, logger: logger)
            }
        } else {
            self.sunshine = nil
            self.recentConversations = nil
        }
        self.window = window
    }

    /// Reads history with a Sunshine Conversations reader only.
    /// - Parameters:
    ///   - sunshine: Reads Zendesk Messaging conversations.
    ///   - window: How many recent conversations, and how old, are found.
    public init(sunshine: SunshineConversationsReader, window: HistoryWindow = HistoryWindow()) {
        self.zendeskChat = nil
        self.recentChats = nil
        self.sunshine = { conversationID, externalID, email, zendeskUserID, logger in
            try await sunshine.history(
                ofConversation: conversationID, externalID: externalID, email: email, zendeskUserID: zendeskUserID, logger: logger)
        }
        self.recentConversations = { externalID, email, count, since, logger in
            try await sunshine.recentHistory(externalID: externalID, email: email, maximumConversations: count, since: since, logger: logger)
        }
        self.window = window
    }

    /// These sources, also reading Zendesk Support: the ticket behind the newest conversation (the one a
    /// Chat names, or for Messaging the customer's latest messaging ticket, by the user's `zendeskId`), and
    /// the user behind an OAuth session, whose external id then finds their Messaging history.
    /// - Parameter support: The Support reader.
    /// - Returns: The sources with Support context.
    public func readingSupport<C: Clock>(with support: ZendeskSupportReader<C>) -> HistorySources where C.Duration == Duration {
        var sources = self
        sources.supportUser = { @Sendable id, logger in try await support.user(id: id, logger: logger) }
        sources.ticket = { @Sendable context, logger in
            if let id = context.ticketID { return try await support.ticket(id: id, logger: logger) }
            if let requester = context.attributes["zendeskId"]?.stringValue {
                return try await support.latestMessagingTicket(requesterID: requester, logger: logger)
            }
            return nil
        }
        return sources
    }

    /// Whether any history can be found without a page's hint.
    var canFind: Bool {
        self.window.maximumConversations > 0 && (self.recentChats != nil || self.recentConversations != nil)
    }
}
