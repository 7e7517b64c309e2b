/// Where a guest chat is routed: a queue, with optional skills, language and priority
/// (`WebChatRoutingTarget`).
public struct GenesysRoutingTarget: Sendable, Hashable {
    /// The queue's name (`targetAddress`); the target type is always `QUEUE`.
    public var queueName: String
    /// Skill names the agent needs.
    public var skills: [String]
    /// A language skill, for example `English - Written`.
    public var language: String?
    /// The routing priority.
    public var priority: Int?

    /// Creates a queue target.
    /// - Parameters:
    ///   - queueName: The queue's name.
    ///   - skills: Skill names.
    ///   - language: A language skill.
    ///   - priority: The routing priority.
    public init(queueName: String, skills: [String] = [], language: String? = nil, priority: Int? = nil) {
        self.queueName = queueName
        self.skills = skills
        self.language = language
        self.priority = priority
    }
}
