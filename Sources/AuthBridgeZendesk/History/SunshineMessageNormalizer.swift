import AuthBridgeCore

/// Turns one Sunshine Conversations message into a ``TranscriptMessage``, reading every field the
/// published spec (17.12.1, `Tests/Contracts/zendesk/sunshine-contract.json`) defines for it.
///
/// - Roles: `author.type` `user` is the customer; `business` is an agent, a bot when its subtype is
///   `AI` or `bot`, and a system line when it is `activity` (ticket closed, transfer, ended by the user);
///   a message with `activity` is a system line whatever its author.
/// - Text: each of the nine content types becomes readable text (`formResponse` by its `textFallback`,
///   forms, carousels and lists by their labels and titles, locations by address and coordinates,
///   actions as bracketed buttons); a type the spec does not list becomes "unsupported message type X".
///   A deleted message says so; a quoted one names what it quotes.
/// - Attachments: `image` and `file` media, and carousel or list item media, with type and size; all are
///   marked as needing Zendesk access, since private attachments are the default for accounts made since
///   December 2024 (developer.zendesk.com "Messaging private attachments") and the URL does not say.
enum SunshineMessageNormalizer {
    static func message(_ message: ContextValue) -> TranscriptMessage {
        let author = message["author"] ?? .null
        let content = message["content"] ?? .null
        let type = content["type"]?.text ?? "unknown"
        let subtypes = Set((author["subtypes"]?.elements ?? []).compactMap(\.text).map { $0.lowercased() })
        var role: TranscriptAuthorRole
        switch author["type"]?.text {
        case "user": role = .customer
        case "business" where subtypes.contains("activity"): role = .system
        case "business" where subtypes.contains("ai") || subtypes.contains("bot"): role = .bot
        case "business": role = .agent
        default: role = .system
        }
        var originalType = type
        var text: String?
        var attachments: [TranscriptAttachment] = []
        if let activity = message["activity"], activity != .null {
            role = .system
            let kind = activity["type"]?.text ?? "unknown"
            originalType = "activity:\(kind)"
            text = Self.activity(kind)
        } else if message["deleted"]?.boolValue == true {
            text = "(message deleted)"
        } else {
            text = Self.text(of: content, type: type)
            attachments = Self.attachments(of: content, type: type)
        }
        if let quoted = Self.quoted(message["quotedMessage"] ?? .null) {
            text = text.map { "\(quoted) \($0)" } ?? quoted
        }
        var details: [String: ContextValue] = [:]
        if type != "text" {
            var rest = content.members
            for key in ["type", "text", "mediaUrl", "mediaType", "mediaSize", "altText", "htmlText", "markdownText"] {
                rest.removeValue(forKey: key)
            }
            if !rest.isEmpty { details["content"] = .object(rest) }
        }
        for key in ["source", "activity", "quotedMessage"] {
            if let value = message[key], value != .null { details[key] = value }
        }
        if let metadata = message["metadata"], metadata != .null { details["metadata"] = metadata }
        if let userID = author["userId"] { details["author_user_id"] = userID }
        if !subtypes.isEmpty { details["author_subtypes"] = .array(subtypes.sorted().map(ContextValue.string)) }
        return TranscriptMessage(
            role: role,
            displayName: author["displayName"]?.text,
            timestamp: message["received"]?.timestamp,
            text: text,
            attachments: attachments,
            originalType: originalType,
            originalID: message["id"]?.text,
            details: details
        )
    }

    /// The spec's three activity types, and any other by name.
    static func activity(_ kind: String) -> String {
        switch kind {
        case "ticket:closed": "(the Zendesk ticket was closed)"
        case "ticket:transfer:email": "(the conversation was moved to email)"
        case "conversation:endedByUser": "(the customer ended the conversation)"
        default: "(activity \(kind))"
        }
    }

    static func text(of content: ContextValue, type: String) -> String {
        var parts: [String] = []
        switch type {
        case "text":
            if let text = Self.plain(content) { parts.append(text) }
        case "image", "file":
            if let text = Self.plain(content) ?? content["altText"]?.text { parts.append(text) }
        case "formResponse":
            // The spec's read-only rendering; the fields only when Zendesk sent none.
            if let fallback = content["textFallback"]?.text, !fallback.isEmpty {
                parts.append(fallback)
            } else {
                parts.append((content["fields"]?.elements ?? []).map(Self.answer).joined(separator: "\n"))
            }
        case "form":
            let labels = (content["fields"]?.elements ?? []).compactMap { $0["label"]?.text ?? $0["name"]?.text }
            parts.append("form: " + labels.joined(separator: ", ") + (content["submitted"]?.boolValue == true ? " (submitted)" : ""))
        case "carousel", "list":
            if let text = content["text"]?.text { parts.append(text) }
            let titles = (content["items"]?.elements ?? []).compactMap { item -> String? in
                guard let title = item["title"]?.text else { return nil }
                let buttons = Self.actions(item["actions"] ?? .null)
                return buttons.isEmpty ? title : "\(title) \(buttons)"
            }
            parts.append("\(type): " + titles.joined(separator: " | "))
        case "location":
            let location = content["location"] ?? .null
            let coordinates = content["coordinates"] ?? .null
            var place = [location["name"]?.text, location["address"]?.text].compactMap { $0 }.joined(separator: ", ")
            if let lat = coordinates["lat"]?.numberValue, let long = coordinates["long"]?.numberValue {
                place += place.isEmpty ? "\(lat), \(long)" : " (\(lat), \(long))"
            }
            parts.append("location: " + (place.isEmpty ? (content["text"]?.text ?? "unknown") : place))
        case "template":
            parts.append("template message" + (content["template"]?["name"]?.text.map { " \($0)" } ?? ""))
        default:
            parts.append("unsupported message type \(type)" + (Self.plain(content).map { ": \($0)" } ?? ""))
        }
        let buttons = Self.actions(content["actions"] ?? .null)
        if !buttons.isEmpty { parts.append(buttons) }
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// `text`, else `markdownText`, else `htmlText` without its tags.
    private static func plain(_ content: ContextValue) -> String? {
        if let text = content["text"]?.text, !text.isEmpty { return text }
        if let markdown = content["markdownText"]?.text, !markdown.isEmpty { return markdown }
        guard let html = content["htmlText"]?.text, !html.isEmpty else { return nil }
        var out = ""
        var inTag = false
        for character in html {
            if character == "<" {
                inTag = true
            } else if character == ">" {
                inTag = false
            } else if !inTag {
                out.append(character)
            }
        }
        return out.isEmpty ? nil : out
    }

    /// `label: value` of a form response field (`text`, `email` or the chosen `select` options).
    private static func answer(_ field: ContextValue) -> String {
        let label = field["label"]?.text ?? field["name"]?.text ?? "field"
        let value =
            field["text"]?.text ?? field["email"]?.text
            ?? (field["select"]?.elements ?? []).compactMap { $0["label"]?.text ?? $0["name"]?.text }.joined(separator: ", ")
        return "\(label): \(value)"
    }

    /// Buttons as `[Title (uri)] [Reply]`.
    private static func actions(_ actions: ContextValue) -> String {
        actions.elements.compactMap { action -> String? in
            guard let title = action["text"]?.text else { return nil }
            return action["uri"]?.text.map { "[\(title) (\($0))]" } ?? "[\(title)]"
        }.joined(separator: " ")
    }

    private static func quoted(_ quoted: ContextValue) -> String? {
        switch quoted["type"]?.text {
        case "message":
            let inner = quoted["message"] ?? .null
            let content = inner["content"] ?? .null
            let text = Self.text(of: content, type: content["type"]?.text ?? "unknown")
            let snippet = text.count > 80 ? String(text.prefix(80)) + "…" : text
            return "(replying to \"\(snippet)\")"
        case "externalMessageId":
            return "(replying to message \(quoted["externalMessageId"]?.text ?? "unknown"))"
        default:
            return nil
        }
    }

    private static func attachments(of content: ContextValue, type: String) -> [TranscriptAttachment] {
        var media: [ContextValue] = []
        if type == "image" || type == "file" { media.append(content) }
        media += (content["items"]?.elements ?? [])
        return media.compactMap { item in
            guard let url = item["mediaUrl"]?.text else { return nil }
            return TranscriptAttachment(
                url: url,
                name: item["altText"]?.text ?? item["title"]?.text,
                mediaType: item["mediaType"]?.text,
                // An item's `size` is its display size (`compact`, `large`), not bytes.
                byteCount: item["mediaSize"]?.numberValue.flatMap { Int(exactly: $0.rounded(.down)) },
                requiresSourceAccess: true
            )
        }
    }
}
