/// The conversation media type in participant-attribute paths (`/api/v2/conversations/{media}/…`).
public struct GenesysMediaType: Sendable, Hashable, CustomStringConvertible {
    /// The path segment, for example `chats`.
    public let pathSegment: String

    private init(_ pathSegment: String) {
        self.pathSegment = pathSegment
    }

    /// Web chats (the guest chat API).
    public static let chats = GenesysMediaType("chats")
    /// Messaging, including Web Messaging.
    public static let messages = GenesysMediaType("messages")
    /// Emails.
    public static let emails = GenesysMediaType("emails")
    /// Calls.
    public static let calls = GenesysMediaType("calls")
    /// Callbacks.
    public static let callbacks = GenesysMediaType("callbacks")

    /// The path segment.
    public var description: String { self.pathSegment }
}
