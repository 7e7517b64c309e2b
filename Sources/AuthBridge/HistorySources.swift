import AuthBridgeCore
public import AuthBridgeZendesk
import Logging

/// The Zendesk history readers the bridge may use; without one, a ``HistoryReference`` of its kind is
/// refused.
public struct HistorySources: Sendable {
    let zendeskChat: (@Sendable (String, Logger) async throws -> ZendeskHistory)?
    let sunshine: (@Sendable (String, String?, Logger) async throws -> ZendeskHistory)?

    /// No history reading.
    public init() {
        self.zendeskChat = nil
        self.sunshine = nil
    }

    /// Reads history with the given readers.
    /// - Parameters:
    ///   - zendeskChat: Reads legacy Zendesk Chat transcripts.
    ///   - sunshine: Reads Zendesk Messaging conversations.
    public init<C: Clock>(zendeskChat: ZendeskChatHistoryReader<C>?, sunshine: SunshineConversationsReader? = nil) where C.Duration == Duration {
        if let zendeskChat {
            self.zendeskChat = { @Sendable chatID, logger in try await zendeskChat.read(chatID: chatID, logger: logger) }
        } else {
            self.zendeskChat = nil
        }
        if let sunshine {
            self.sunshine = { @Sendable conversationID, userID, logger in
                try await sunshine.read(conversationID: conversationID, userID: userID, logger: logger)
            }
        } else {
            self.sunshine = nil
        }
    }

    /// Reads history with a Sunshine Conversations reader only.
    /// - Parameter sunshine: Reads Zendesk Messaging conversations.
    public init(sunshine: SunshineConversationsReader) {
        self.zendeskChat = nil
        self.sunshine = { conversationID, userID, logger in try await sunshine.read(conversationID: conversationID, userID: userID, logger: logger) }
    }
}
