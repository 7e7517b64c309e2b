internal import AuthBridgeCore

/// Builds the ordered, capped custom fields (and participant attributes) from identity and context.
struct GenesysCustomFields {
    /// The omitted-field list's key.
    static let omittedKey = "authbridgeOmittedFields"

    private(set) var fields: [(key: String, value: String)] = []
    private(set) var omitted: [String] = []
    private var bytes = 0
    private let limits: GenesysGuestChatLimits

    init(limits: GenesysGuestChatLimits) {
        self.limits = limits
    }

    /// Adds an identity field: never truncated, never left out.
    mutating func addIdentity(_ key: String, _ value: String, limit: Int) throws(GenesysError) {
        guard value.count <= limit else {
            throw GenesysError.invalidInput("the identity field '\(key)' is \(value.count) characters, over the cap of \(limit)")
        }
        guard self.fields.count + 1 < self.limits.maximumCustomFields,
            self.bytes + key.utf8.count + value.utf8.count <= self.limits.maximumCustomFieldBytes / 2
        else {
            throw GenesysError.invalidInput("the identity fields alone exceed the custom field caps")
        }
        self.fields.append((key, value))
        self.bytes += key.utf8.count + value.utf8.count
    }

    /// Adds a context field, truncated to the value cap, or records it as omitted when the caps are reached.
    mutating func add(_ key: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        guard key.count <= self.limits.maximumCustomFieldKeyLength,
            !self.fields.contains(where: { $0.key == key }), key != Self.omittedKey
        else {
            self.omitted.append(GenesysGuestChatLimits.truncated(key, to: 40))
            return
        }
        let capped = GenesysGuestChatLimits.truncated(value, to: self.limits.maximumCustomFieldValueLength)
        let cost = key.utf8.count + capped.utf8.count
        // Keep room for the omitted list: one field, and a quarter of the byte budget at most.
        let reserve = Self.omittedKey.utf8.count + self.limits.maximumCustomFieldBytes / 8
        guard self.fields.count + 2 <= self.limits.maximumCustomFields,
            self.bytes + cost + reserve <= self.limits.maximumCustomFieldBytes
        else {
            self.omitted.append(key)
            return
        }
        self.fields.append((key, capped))
        self.bytes += cost
    }

    /// The fields in order, with `authbridgeOmittedFields` last when anything was left out.
    var result: [(key: String, value: String)] {
        guard !self.omitted.isEmpty else { return self.fields }
        let budget = self.limits.maximumCustomFieldBytes - self.bytes - Self.omittedKey.utf8.count
        let list = GenesysGuestChatLimits.truncated(self.omitted.joined(separator: ","), to: max(budget, 8))
        return self.fields + [(Self.omittedKey, list)]
    }

    /// Identity and Zendesk context in the order they are kept when caps bite.
    static func build(
        session: VerifiedSession,
        context: CustomerContext?,
        conversationID: String?,
        transcriptLink: String?,
        transcriptSummary: String?,
        extra: [String: String],
        limits: GenesysGuestChatLimits
    ) throws(GenesysError) -> GenesysCustomFields {
        var fields = GenesysCustomFields(limits: limits)
        try fields.addIdentity("zendeskExternalId", session.subject, limit: limits.maximumSubjectLength)
        if let email = session.email {
            try fields.addIdentity("zendeskEmail", email, limit: limits.maximumEmailLength)
            try fields.addIdentity("zendeskEmailVerified", session.isEmailVerified ? "true" : "false", limit: 5)
        }
        fields.add("zendeskName", session.name.map { GenesysGuestChatLimits.truncated($0, to: limits.maximumNameLength) })
        fields.add("zendeskCredential", session.credentialKind.description)
        fields.add("zendeskConversationId", conversationID)
        if let context {
            fields.add("zendeskTicketId", context.ticket?.id ?? context.ticketID)
            if let ticket = context.ticket {
                fields.add("zendeskTicketSubject", ticket.subject)
                fields.add("zendeskTicketStatus", ticket.status)
                fields.add("zendeskTicketPriority", ticket.priority)
                fields.add("zendeskTicketTags", ticket.tags.isEmpty ? nil : ticket.tags.joined(separator: ","))
                for (id, value) in ticket.customFields.sorted(by: { $0.key < $1.key }) { fields.add("zendeskTicketField\(id)", value) }
            }
            fields.add("zendeskDepartment", context.department)
            fields.add("zendeskDepartmentId", context.departmentID)
            fields.add("zendeskTags", context.tags.isEmpty ? nil : context.tags.joined(separator: ","))
            fields.add("zendeskUserId", context.sourceUserID)
            fields.add("zendeskPhone", context.phone)
            fields.add("zendeskPage", context.pagePath)
        }
        fields.add("zendeskTranscriptUrl", transcriptLink)
        fields.add("zendeskTranscriptSummary", transcriptSummary)
        for (key, value) in extra.sorted(by: { $0.key < $1.key }) { fields.add(key, value) }
        return fields
    }
}

extension GenesysCustomFields {
    /// Lists a member field that was left out (an invalid phone number, a non-https avatar).
    mutating func recordOmitted(_ key: String) {
        self.omitted.append(key)
    }
}
