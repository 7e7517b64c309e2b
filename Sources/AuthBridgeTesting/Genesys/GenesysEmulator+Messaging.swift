internal import AuthBridgeJWT
import Synchronization

extension GenesysEmulator {
    /// The customer sends a first message on web messaging: the emulator opens a conversation with a
    /// customer participant (authenticated, and its External Contact resolved, when `isAuthenticated`),
    /// as Genesys does before the inbound message flow runs.
    ///
    /// Two choices no published source settles (UNCONFIRMED in `Integrations/GenesysCloud/SOURCES.md`):
    /// the participant's `fromAddress.addressDisplayable` is the `sub` (the flow's
    /// `senderAddressInfo.addressDisplayable` is, per Genesys's help), and identity resolution picks the
    /// contact whose `ExternalId` is the `sub` (Genesys says only "an OIDC claim").
    /// - Parameters:
    ///   - subject: The `sub` of the customer's Messenger session (`fromAddress.addressDisplayable`).
    ///   - name: The customer's name, if any.
    ///   - isAuthenticated: Whether the customer signed in; default `true`.
    ///   - text: The first message.
    /// - Returns: The new conversation.
    @discardableResult
    public func openMessagingConversation(
        subject: String,
        name: String? = nil,
        isAuthenticated: Bool = true,
        text: String = "Hello"
    ) -> GenesysEmulatorMessagingConversation {
        let stored = self.backend.openMessagingConversation(subject: subject, name: name, isAuthenticated: isAuthenticated, text: text)
        return self.messagingConversation(stored.id)!
    }

    /// Every web messaging conversation, oldest first.
    public var messagingConversations: [GenesysEmulatorMessagingConversation] {
        let ids = self.backend.state.withLock { $0.messagingConversationOrder }
        return ids.compactMap { self.messagingConversation($0) }
    }

    /// The agent's view of a messaging conversation: participant data, the linked contact and its notes.
    /// - Parameter id: The conversation id.
    /// - Returns: The conversation, or `nil` when there is none.
    public func messagingConversation(_ id: String) -> GenesysEmulatorMessagingConversation? {
        self.backend.state.withLock { state in
            guard let conversation = state.messagingConversations[id] else { return nil }
            let contactID = state.contactLinks[id] ?? conversation.externalContactID
            let notes = contactID.flatMap { state.contacts[$0]?.notes.compactMap { $0["noteText"]?.stringValue } } ?? []
            return GenesysEmulatorMessagingConversation(
                id: conversation.id,
                participantID: conversation.participantID,
                subject: conversation.subject,
                isAuthenticated: conversation.isAuthenticated,
                attributes: conversation.attributes,
                contactID: contactID,
                contactNotes: notes,
                messages: conversation.messages
            )
        }
    }
}

extension GenesysEmulator {
    /// Installs the inbound message flow step that runs at every customer's first message
    /// (``sendFirstMessage(subject:name:isAuthenticated:text:)``).
    /// - Parameter flow: The step.
    public func installInboundMessageFlow(_ flow: GenesysEmulatorInboundMessageFlow) {
        self.backend.state.withLock { $0.inboundMessageFlow = flow }
    }

    /// A customer's first message, as Genesys handles it: the conversation opens (its customer
    /// authenticated, its External Contact resolved, when `isAuthenticated`) and the installed inbound
    /// message flow step runs (calls the data action, sets participant data from its outputs).
    /// - Parameters:
    ///   - subject: The customer's `sub`.
    ///   - name: The customer's name.
    ///   - isAuthenticated: Whether they signed in; default `true`.
    ///   - text: The message.
    /// - Returns: The conversation as the agent sees it after the flow step.
    public func sendFirstMessage(
        subject: String,
        name: String? = nil,
        isAuthenticated: Bool = true,
        text: String = "Hello"
    ) async -> GenesysEmulatorMessagingConversation {
        let conversation = self.openMessagingConversation(subject: subject, name: name, isAuthenticated: isAuthenticated, text: text)
        if let flow = self.backend.state.withLock({ $0.inboundMessageFlow }) {
            let data = await self.backend.runDataAction(
                flow,
                inputs: [
                    "conversationId": .string(conversation.id),
                    "sub": .string(isAuthenticated ? subject : ""),
                    "isAuthenticated": .bool(isAuthenticated),
                ]
            )
            self.backend.state.withLock { $0.messagingConversations[conversation.id]?.attributes.merge(data) { _, new in new } }
        }
        return self.messagingConversation(conversation.id)!
    }
}
