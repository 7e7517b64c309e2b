import AuthBridgeCore

/// Turns a Zendesk Chat `GET /api/v2/chat/chats/{id}` body into a ``ZendeskHistory``.
///
/// History items carry the author's display `name` but no role, so the role is inferred: the visitor's
/// name is the customer, names in `agent_names` are agents, member joins and leaves, tags, ratings,
/// comments, queue events and any unknown type are system entries, and a message from anyone else is a
/// bot (triggers and shortcuts post under the account's name). A `nick` field (`visitor`, `agent:<id>`),
/// seen in some accounts' data but not in the reference, wins when present.
enum ZendeskChatNormalizer {
    static let source = "zendesk.chat"

    private static let consumedItemKeys: Set<String> = ["name", "nick", "timestamp", "type", "msg", "msg_id", "attachment"]
    private static let contextKeys: Set<String> = [
        "id", "visitor", "history", "tags", "department_name", "department_id", "zendesk_ticket_id", "webpath", "message",
    ]

    static func history(chatID: String, chat: ContextValue) -> ZendeskHistory {
        let visitor = chat["visitor"] ?? .null
        let visitorName = visitor["name"]?.text
        let agentNames = Set((chat["agent_names"]?.elements ?? []).compactMap(\.text))
        var messages: [TranscriptMessage] = []
        if chat["type"]?.text == "offline_msg" {
            messages.append(
                TranscriptMessage(
                    role: .customer,
                    displayName: visitorName,
                    timestamp: chat["timestamp"]?.timestamp,
                    text: chat["message"]?.text,
                    originalType: "offline_msg"
                )
            )
        }
        for item in chat["history"]?.elements ?? [] {
            messages.append(self.message(item, visitorName: visitorName, agentNames: agentNames))
        }
        let transcript = Transcript(source: self.source, conversationID: chat["id"]?.text ?? chatID, messages: messages)
        return ZendeskHistory(transcript: transcript, context: self.context(chat, visitor: visitor))
    }

    private static func message(_ item: ContextValue, visitorName: String?, agentNames: Set<String>) -> TranscriptMessage {
        let type = item["type"]?.text ?? "unknown"
        let name = item["name"]?.text
        let role: TranscriptAuthorRole
        switch type {
        case "chat.msg", "chat.file":
            role = self.author(nick: item["nick"]?.text, name: name, visitorName: visitorName, agentNames: agentNames)
        default:
            role = .system
        }
        var attachments: [TranscriptAttachment] = []
        if let attachment = item["attachment"], let url = attachment["url"]?.text {
            attachments.append(
                TranscriptAttachment(
                    url: url,
                    name: attachment["name"]?.text,
                    mediaType: attachment["mime_type"]?.text,
                    byteCount: attachment["size"]?.numberValue.flatMap { Int(exactly: $0.rounded(.down)) }
                )
            )
        }
        var details = item.members
        for key in self.consumedItemKeys { details.removeValue(forKey: key) }
        return TranscriptMessage(
            role: role,
            displayName: name,
            timestamp: item["timestamp"]?.timestamp,
            text: item["msg"]?.text,
            attachments: attachments,
            originalType: type,
            originalID: item["msg_id"]?.text,
            details: details
        )
    }

    private static func author(nick: String?, name: String?, visitorName: String?, agentNames: Set<String>) -> TranscriptAuthorRole {
        if let nick {
            if nick == "visitor" || nick.hasPrefix("visitor:") { return .customer }
            if nick.hasPrefix("agent") { return .agent }
        }
        guard let name else { return .system }
        if name == visitorName { return .customer }
        if agentNames.contains(name) { return .agent }
        return .bot
    }

    private static func context(_ chat: ContextValue, visitor: ContextValue) -> CustomerContext {
        var attributes = chat.members
        for key in self.contextKeys { attributes.removeValue(forKey: key) }
        if let notes = visitor["notes"] { attributes["visitor_notes"] = notes }
        if let webpath = chat["webpath"] { attributes["webpath"] = webpath }
        let lastPage = chat["webpath"]?.elements.last.flatMap { page in page.text ?? page["to"]?.text }
        return CustomerContext(
            sourceUserID: visitor["id"]?.text,
            // Chat's visitor object has no external id (fact `chat.visitor.external-id`): only the email
            // ties a chat to a customer.
            externalID: nil,
            name: visitor["name"]?.text,
            email: visitor["email"]?.text.flatMap { $0.isEmpty ? nil : $0 },
            phone: visitor["phone"]?.text.flatMap { $0.isEmpty ? nil : $0 },
            tags: (chat["tags"]?.elements ?? []).compactMap(\.text),
            department: chat["department_name"]?.text,
            departmentID: chat["department_id"]?.text,
            ticketID: chat["zendesk_ticket_id"]?.text,
            pagePath: lastPage,
            attributes: attributes
        )
    }
}
