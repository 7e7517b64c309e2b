public import AuthBridgeCore
import Foundation

extension ZendeskEmulator {
    /// A chat in the shape of the Chat API's `GET /api/v2/chat/chats/{chat_id}`, whose history holds one
    /// item of every type the reference lists (`chat.memberjoin`, `chat.msg` from visitor and agent,
    /// `chat.file`, `chat.tag`, `chat.comment`, `chat.wait_queue`, `chat.request.rating`, `chat.rating`,
    /// `chat.queue_position`, `chat.memberleave`) plus one type no reference lists, to prove readers keep
    /// what they do not know.
    /// - Parameters:
    ///   - id: The chat id; default one shaped like Zendesk's.
    ///   - history: Whether to include the history; `false` gives a chat with an empty one.
    /// - Returns: The chat object.
    public static func sampleChat(id: String = "1704.2314815.QHgVx6SOrRuSx", history: Bool = true) -> ContextValue {
        let visitor = "Ada Visitor"
        let agent = "Bo Agent"
        func item(_ type: String, _ name: String, _ second: Int, _ extra: [String: ContextValue] = [:]) -> ContextValue {
            var members: [String: ContextValue] = [
                "type": .string(type),
                "name": .string(name),
                // The reference's examples have whole seconds (`2014-10-09T05:28:35Z`).
                "timestamp": .string("2026-11-25T10:00:\(second < 10 ? "0" : "")\(second)Z"),
                "channel": .string("#\(id)"),
            ]
            for (key, value) in extra { members[key] = value }
            return .object(members)
        }
        let items: [ContextValue] = [
            item("chat.memberjoin", visitor, 0),
            item("chat.msg", visitor, 1, ["msg": "Hello, my order is late", "msg_id": "m1", "options": ""]),
            item("chat.wait_queue", visitor, 2, ["wait_queue": 1]),
            item("chat.queue_position", visitor, 3, ["queue_position": 1]),
            item("chat.memberjoin", agent, 4),
            item("chat.msg", agent, 5, ["msg": "Let me check", "msg_id": "m2", "department_id": 7, "department_name": "Support"]),
            item(
                "chat.file", visitor, 6,
                [
                    "attachment": [
                        "url": "https://example.zendesk.com/attachments/receipt.png", "name": "receipt.png",
                        "mime_type": "image/png", "size": 2048,
                    ]
                ]),
            item("chat.tag", agent, 7, ["new_tags": ["late-order"], "tags": ["late-order"]]),
            item("chat.comment", visitor, 8, ["new_comment": "Quick help"]),
            item("chat.request.rating", agent, 9),
            item("chat.rating", visitor, 10, ["new_rating": "good"]),
            item("chat.msg", "Acme", 11, ["msg": "Thanks for contacting Acme", "msg_id": "m3"]),
            item("chat.future_event", agent, 12, ["msg": "something new"]),
            item("chat.memberleave", visitor, 13),
        ]
        return [
            "id": .string(id),
            "type": "chat",
            "visitor": [
                "id": "10001.abcDEF", "name": .string(visitor), "email": "ada@example.com", "phone": "+4712345678",
                "notes": "VIP",
            ],
            "session": [
                "id": "s1", "start_date": "2026-11-25T09:59:58Z", "end_date": "2026-11-25T10:00:14Z", "ip": "192.0.2.1",
                "city": "Oslo", "region": "Oslo", "country_code": "NO", "country_name": "Norway", "platform": "Mac OS",
                "browser": "Safari", "user_agent": "Mozilla/5.0",
            ],
            "timestamp": "2026-11-25T10:00:00Z",
            "count": ["visitor": 2, "agent": 1, "total": 3],
            "duration": 14,
            "department_id": 7,
            "department_name": "Support",
            "agent_names": [.string(agent)],
            "agent_ids": ["361"],
            "history": .array(history ? items : []),
            "tags": ["late-order"],
            "rating": "good",
            "comment": "Quick help",
            "webpath": [
                ["from": "", "timestamp": "2026-11-25T09:58:00Z", "title": "Home", "to": "https://shop.example/"],
                ["from": "https://shop.example/", "timestamp": "2026-11-25T09:59:00Z", "title": "Orders", "to": "https://shop.example/orders/42"],
            ],
            "zendesk_ticket_id": 4242,
            "started_by": "visitor",
            "unread": false,
        ]
    }

    /// `count` Sunshine Conversations messages, oldest first, alternating between the user and a business
    /// author, one second apart, with 24-character hex ids (``sunshineID(_:)``) and `received` in
    /// milliseconds, as the spec writes them.
    /// - Parameters:
    ///   - count: How many.
    ///   - userID: The customer's user id.
    /// - Returns: The message objects.
    public static func sampleMessages(count: Int, userID: String = "user-1") -> [ContextValue] {
        (0..<max(count, 0)).map { index in
            let fromUser = index % 2 == 0
            let author: ContextValue =
                fromUser
                ? ["type": "user", "userId": .string(userID), "displayName": "Ada Visitor", "subtypes": []]
                : ["type": "business", "displayName": "Bo Agent", "subtypes": ["agent"]]
            return [
                "id": .string(self.sunshineID(index)),
                "received": .string(self.sunshineTime(1_764_064_800 + Double(index))),
                "author": author,
                "content": ["type": "text", "text": .string("message \(index)")],
                "source": ["type": fromUser ? "web" : "zd:agentWorkspace"],
            ]
        }
    }

    /// A Messaging conversation with one message of every kind the Sunshine Conversations spec
    /// (17.12.1) defines, oldest first: a bot greeting with buttons, a form and the customer's form
    /// response (`textFallback`), a private file, a location, a carousel, a list, a template, an agent's
    /// HTML-only text, a reply quoting an earlier message, a deleted message, an activity-subtype line, a
    /// `ticket:closed` activity, and one content type no spec lists.
    /// - Parameter userID: The customer's user id.
    /// - Returns: The message objects.
    public static func sampleConversation(userID: String = "user-1") -> [ContextValue] {
        let user: ContextValue = ["type": "user", "userId": .string(userID), "displayName": "Ada Visitor"]
        let agent: ContextValue = ["type": "business", "subtypes": ["agent"], "displayName": "Bo Agent"]
        let bot: ContextValue = ["type": "business", "subtypes": ["AI"], "displayName": "Answer Bot"]
        let system: ContextValue = ["type": "business", "subtypes": ["activity"]]
        let contents: [(ContextValue, ContextValue, [String: ContextValue])] = [
            (
                bot,
                [
                    "type": "text", "text": "Hi! How can I help?",
                    "actions": [
                        ["type": "reply", "text": "Order status", "payload": "ORDER"],
                        ["type": "link", "text": "Help center", "uri": "https://help.example/"],
                    ],
                ], [:]
            ),
            (bot, ["type": "form", "fields": [["type": "text", "name": "order", "label": "Order number"]]], [:]),
            (
                user,
                [
                    "type": "formResponse", "textFallback": "Order number: 42",
                    "fields": [["type": "text", "name": "order", "label": "Order number", "text": "42"]],
                ], [:]
            ),
            (
                user,
                [
                    "type": "file", "mediaUrl": "https://example.zendesk.com/sc/attachments/v2/01HXYZ/receipt.pdf",
                    "mediaType": "application/pdf", "mediaSize": 48213, "altText": "receipt.pdf",
                ], [:]
            ),
            (
                user, ["type": "location", "coordinates": ["lat": 59.9139, "long": 10.7522], "location": ["address": "Karl Johans gate 1, Oslo"]], [:]
            ),
            (
                agent,
                [
                    "type": "carousel",
                    "items": [["title": "Blue shoes", "actions": [["type": "link", "text": "Buy", "uri": "https://shop.example/1"]]]],
                ], [:]
            ),
            (agent, ["type": "list", "items": [["title": "Return", "description": "Start a return"], ["title": "Refund"]]], [:]),
            (agent, ["type": "template", "template": ["name": "shipping_update"]], [:]),
            (agent, ["type": "text", "htmlText": "<p>Your order <b>ships</b> today.</p>"], [:]),
            (
                user, ["type": "text", "text": "Thanks!"],
                ["quotedMessage": ["type": "message", "message": ["content": ["type": "text", "text": "Your order ships today."]]]]
            ),
            (user, ["type": "text", "text": ""], ["deleted": true]),
            (system, ["type": "text", "text": "Conversation transferred to Support"], [:]),
            (system, ["type": "text", "text": ""], ["activity": ["type": "ticket:closed", "data": ["ticketId": "4242"]]]),
            (agent, ["type": "hologram", "text": "from the future"], [:]),
        ]
        return contents.enumerated().map { index, entry in
            var message: [String: ContextValue] = [
                "id": .string(self.sunshineID(1000 + index)),
                "received": .string(self.sunshineTime(1_764_064_800 + Double(index) + 0.25)),
                "author": entry.0,
                "content": entry.1,
                "source": ["type": entry.0["type"] == "user" ? "web" : "zd:agentWorkspace"],
            ]
            for (key, value) in entry.2 { message[key] = value }
            return .object(message)
        }
    }

    /// A record id as Sunshine Conversations writes them: 24 lowercase hex characters.
    /// - Parameter seed: Distinct seeds give distinct ids.
    /// - Returns: The id.
    public static func sunshineID(_ seed: Int) -> String {
        let hex = String(UInt64(truncatingIfNeeded: seed), radix: 16)
        return "5e5f0a1b" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// `YYYY-MM-DDThh:mm:ss.SSSZ`, the spec's documented form of `received` and the conversation times.
    /// - Parameter seconds: Seconds since the Unix epoch.
    /// - Returns: The text, always with milliseconds.
    public static func sunshineTime(_ seconds: Double) -> String {
        Date(timeIntervalSince1970: seconds).formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// A Support ticket in the shape of `GET /api/v2/tickets/{ticket_id}`'s `ticket`.
    /// - Parameters:
    ///   - id: The ticket id.
    ///   - requesterID: The requester's Support user id.
    ///   - fromMessaging: Its `from_messaging_channel`.
    /// - Returns: The ticket object.
    public static func sampleTicket(id: Int = 4242, requesterID: Int = 361, fromMessaging: Bool = true) -> ContextValue {
        [
            "id": .number(Double(id)), "url": .string("https://example.zendesk.com/api/v2/tickets/\(id).json"),
            "subject": "Order 42 is late", "status": "open", "priority": "high", "type": "problem",
            "tags": ["late-order", "vip"], "requester_id": .number(Double(requesterID)),
            "from_messaging_channel": .bool(fromMessaging), "via": ["channel": fromMessaging ? "native_messaging" : "chat"],
            "created_at": "2026-11-25T10:00:00Z", "updated_at": "2026-11-25T10:05:00Z",
            "custom_fields": [["id": 360001, "value": "order-42"], ["id": 360002, "value": .null], ["id": 360003, "value": ["gold", "eu"]]],
        ]
    }

    /// A Sunshine Conversations user object with a profile and one email identity.
    /// - Parameters:
    ///   - id: The user id.
    ///   - externalID: Your id for the customer.
    /// - Returns: The user object.
    public static func sampleUser(id: String = "user-1", externalID: String = "customer-42") -> ContextValue {
        [
            "id": .string(id),
            "externalId": .string(externalID),
            "authenticated": true,
            "zendeskId": "361",
            "signedUpAt": "2026-01-01T00:00:00.000Z",
            "profile": ["givenName": "Ada", "surname": "Visitor", "email": "ada@example.com", "locale": "en-US"],
            "identities": [["type": "email", "value": "ada@example.com", "verification": "embed"]],
            "metadata": [:],
        ]
    }
}
