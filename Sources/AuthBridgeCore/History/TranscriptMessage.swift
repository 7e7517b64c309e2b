/// One entry of a ``Transcript``: a message or an event, normalized, with the source's own type and id
/// kept so nothing is lost in translation.
///
/// Entries whose source type AuthBridge does not know are kept with role ``TranscriptAuthorRole/system``,
/// their original type, and whatever text they had.
public struct TranscriptMessage: Hashable, Sendable, Codable {
    /// Who wrote it.
    public var role: TranscriptAuthorRole
    /// The author's display name, if the source had one.
    public var displayName: String?
    /// When it was sent, in seconds since 1970-01-01T00:00:00Z, if the source said.
    public var timestamp: Double?
    /// The text, if any (a file or a join has none).
    public var text: String?
    /// Linked files.
    public var attachments: [TranscriptAttachment]
    /// The source's type for this entry, for example `chat.msg` (Zendesk Chat) or `text` (Sunshine
    /// Conversations).
    public var originalType: String
    /// The source's id for this entry, if it has one (Chat history items often do not).
    public var originalID: String?
    /// Other fields the source had that a reader may want (options offered, new tags, a rating).
    public var details: [String: ContextValue]

    /// Creates an entry.
    /// - Parameters:
    ///   - role: Who wrote it.
    ///   - displayName: The author's display name.
    ///   - timestamp: Seconds since the Unix epoch.
    ///   - text: The text.
    ///   - attachments: Linked files.
    ///   - originalType: The source's type.
    ///   - originalID: The source's id.
    ///   - details: Other fields.
    public init(
        role: TranscriptAuthorRole,
        displayName: String? = nil,
        timestamp: Double? = nil,
        text: String? = nil,
        attachments: [TranscriptAttachment] = [],
        originalType: String,
        originalID: String? = nil,
        details: [String: ContextValue] = [:]
    ) {
        self.role = role
        self.displayName = displayName
        self.timestamp = timestamp
        self.text = text
        self.attachments = attachments
        self.originalType = originalType
        self.originalID = originalID
        self.details = details
    }
}
