/// The Zendesk Support ticket behind the customer's conversation, as far as an agent needs it.
public struct CustomerTicket: Hashable, Sendable, Codable {
    /// The ticket id.
    public var id: String
    /// The subject, if any.
    public var subject: String?
    /// The status (`new`, `open`, `pending`, `hold`, `solved`, `closed`, or a custom status's category).
    public var status: String?
    /// The priority (`urgent`, `high`, `normal`, `low`), if set.
    public var priority: String?
    /// The ticket's tags.
    public var tags: [String]
    /// The configured custom fields' values, by field id, as text.
    public var customFields: [String: String]

    /// Creates a ticket context.
    /// - Parameters:
    ///   - id: The ticket id.
    ///   - subject: The subject.
    ///   - status: The status.
    ///   - priority: The priority.
    ///   - tags: The tags.
    ///   - customFields: Custom field values by field id.
    public init(
        id: String,
        subject: String? = nil,
        status: String? = nil,
        priority: String? = nil,
        tags: [String] = [],
        customFields: [String: String] = [:]
    ) {
        self.id = id
        self.subject = subject
        self.status = status
        self.priority = priority
        self.tags = tags
        self.customFields = customFields
    }
}
