/// Which participant-attributes path a conversation's attributes are written through.
///
/// Genesys's definitions (SDK 269) have the media-independent
/// `PATCH /api/v2/conversations/{conversationId}/participants/{participantId}/attributes` and per-media
/// paths such as `/api/v2/conversations/messages/…`. The chats path went with ACD web chat v2.
public struct GenesysMediaType: Sendable, Hashable, CustomStringConvertible {
    /// The path segment after `/api/v2/conversations/`, or `nil` for the media-independent path.
    public let pathSegment: String?

    private init(_ pathSegment: String?) {
        self.pathSegment = pathSegment
    }

    /// Any media (`/api/v2/conversations/{id}/participants/{pid}/attributes`); what a legacy guest chat uses.
    public static let any = GenesysMediaType(nil)
    /// Messaging, including Web Messaging (`/api/v2/conversations/messages/…`).
    public static let messages = GenesysMediaType("messages")
    /// Emails.
    public static let emails = GenesysMediaType("emails")
    /// Calls.
    public static let calls = GenesysMediaType("calls")
    /// Callbacks.
    public static let callbacks = GenesysMediaType("callbacks")

    /// The path segment, or `any`.
    public var description: String { self.pathSegment ?? "any" }
}
