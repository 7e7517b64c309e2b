internal import AuthBridgeJWT
internal import Hummingbird
import Synchronization

extension GenesysEmulatorBackend {
    /// `GET /api/v2/conversations/messages/{conversationId}`: a `MessageConversation` whose customer is a
    /// `MessageMediaParticipant` (`purpose` customer, `type` webmessaging, `authenticated`, `fromAddress`,
    /// `externalContact`, `attributes`), beside the flow's `acd` participant.
    func messagingConversation(_ request: Request, conversationID: String) -> Response {
        if case .failure(let response) = self.authorize(request) { return response }
        guard let conversation = self.state.withLock({ $0.messagingConversations[conversationID] }) else {
            return self.error(.notFound, code: "not.found", message: "The requested conversation was not found.")
        }
        return self.reply(.object(Self.messagingConversationJSON(conversation)))
    }

    static func messagingConversationJSON(_ conversation: GenesysEmulatorState.StoredMessagingConversation) -> JSONObject {
        var attributes = JSONObject()
        for (key, value) in conversation.attributes.sorted(by: { $0.key < $1.key }) { attributes[key] = .string(value) }
        var address: JSONObject = ["addressDisplayable": .string(conversation.subject)]
        if let name = conversation.name { address["name"] = .string(name) }
        var customer: JSONObject = [
            "id": .string(conversation.participantID),
            "purpose": "customer",
            "type": "webmessaging",
            "state": "connected",
            "authenticated": .bool(conversation.isAuthenticated),
            "fromAddress": .object(address),
            "attributes": .object(attributes),
            "startTime": .string(conversation.startTime),
        ]
        if let name = conversation.name { customer["name"] = .string(name) }
        if let contact = conversation.externalContactID {
            customer["externalContact"] = ["id": .string(contact), "selfUri": .string("/api/v2/externalcontacts/contacts/\(contact)")]
        }
        let acd: JSONObject = ["id": .string(conversation.id + "-acd"), "purpose": "acd", "state": "connected"]
        return [
            "id": .string(conversation.id),
            "participants": [.object(customer), .object(acd)],
            "selfUri": .string("/api/v2/conversations/messages/\(conversation.id)"),
        ]
    }

    /// The same conversation as the media-independent `GET /api/v2/conversations/{conversationId}` answers
    /// it: a `Conversation` whose participants are `Participant`s (`externalContactId` flat, no
    /// `fromAddress` or `authenticated`, which only the messaging model has).
    static func conversationJSON(_ conversation: GenesysEmulatorState.StoredMessagingConversation) -> JSONObject {
        var attributes = JSONObject()
        for (key, value) in conversation.attributes.sorted(by: { $0.key < $1.key }) { attributes[key] = .string(value) }
        var customer: JSONObject = [
            "id": .string(conversation.participantID),
            "purpose": "customer",
            "attributes": .object(attributes),
            "startTime": .string(conversation.startTime),
        ]
        if let name = conversation.name { customer["name"] = .string(name) }
        if let contact = conversation.externalContactID { customer["externalContactId"] = .string(contact) }
        let acd: JSONObject = ["id": .string(conversation.id + "-acd"), "purpose": "acd"]
        return [
            "id": .string(conversation.id),
            "startTime": .string(conversation.startTime),
            "participants": [.object(customer), .object(acd)],
            "selfUri": .string("/api/v2/conversations/\(conversation.id)"),
        ]
    }

    /// A customer's first message opens a conversation: authenticated when the customer signed in through
    /// Messenger, its External Contact resolved as identity resolution does (the contact whose `ExternalId`
    /// is the `sub`, when there is one).
    func openMessagingConversation(subject: String, name: String?, isAuthenticated: Bool, text: String)
        -> GenesysEmulatorState.StoredMessagingConversation
    {
        self.state.withLock { state in
            let contact = state.identifierOwners.first { $0.key.type == "ExternalId" && $0.key.value == subject }?.value
            var conversation = GenesysEmulatorState.StoredMessagingConversation(
                id: Self.newID(),
                participantID: Self.newID(),
                subject: subject,
                name: name,
                isAuthenticated: isAuthenticated,
                externalContactID: isAuthenticated ? contact : nil
            )
            conversation.messages.append(text)
            state.messagingConversations[conversation.id] = conversation
            state.messagingConversationOrder.append(conversation.id)
            return conversation
        }
    }
}
