import AuthBridgeCore

/// Everything the Zendesk emulator has been seeded with or has issued.
struct ZendeskEmulatorState {
    var tokens: [ZendeskEmulatorToken] = []
    var clients: [ZendeskEmulatorOAuthClient] = []
    var chatClients: [ZendeskEmulatorChatClient] = []
    var chats: [String: ContextValue] = [:]
    /// Support users by id.
    var supportUsers: [String: ContextValue] = [:]
    /// Support tickets by id.
    var tickets: [String: ContextValue] = [:]
    /// Messages per app and conversation, oldest first.
    var conversations: [String: [String: [ContextValue]]] = [:]
    /// Users per app, as `{"id", "externalId", ...}` objects.
    var users: [String: [ContextValue]] = [:]
    var sunshineKeys: [(keyID: String, secret: Secret)] = []
    var issued = 0

    func token(_ value: String) -> ZendeskEmulatorToken? {
        self.tokens.first { $0.value == Secret(value) }
    }
}
