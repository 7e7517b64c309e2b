/// Caps on what a guest chat carries, and the rule for fitting values under them.
///
/// Genesys documents that `memberInfo.displayName` is required; it documents no lengths for member fields
/// or custom fields, so these caps are conservative defaults you can change.
///
/// **The truncation rule.**
/// - Identity values (the verified subject and email) are never truncated or left out: a value over its
///   cap fails the call with ``GenesysError/Code/invalidInput``, because a shortened id names someone else.
/// - Display text (names, context values, summaries) longer than its cap is cut at a character boundary
///   and ends with `…`, the ellipsis counted within the cap.
/// - Custom fields are added in priority order: identity, then Zendesk context, then your own fields.
///   When the next field would pass ``maximumCustomFields`` or ``maximumCustomFieldBytes``, it is left
///   out, and its key is listed in the `authbridgeOmittedFields` field, so nothing disappears silently.
public struct GenesysGuestChatLimits: Sendable, Hashable {
    /// Characters in `displayName`, `firstName` and `lastName`; default 100.
    public var maximumNameLength: Int
    /// Characters in the verified subject (the Zendesk external id); default 255.
    public var maximumSubjectLength: Int
    /// Characters in an email address; default 254 (the SMTP path limit).
    public var maximumEmailLength: Int
    /// Characters in a custom field key; longer keys are left out (and listed). Default 64.
    public var maximumCustomFieldKeyLength: Int
    /// Characters in a custom field value, after which it is truncated; default 256.
    public var maximumCustomFieldValueLength: Int
    /// Custom fields per conversation, `authbridgeOmittedFields` included; default 25.
    public var maximumCustomFields: Int
    /// UTF-8 bytes of all custom field keys and values together; default 4096.
    public var maximumCustomFieldBytes: Int

    /// Creates limits.
    /// - Parameters:
    ///   - maximumNameLength: Characters in names.
    ///   - maximumSubjectLength: Characters in the subject.
    ///   - maximumEmailLength: Characters in an email address.
    ///   - maximumCustomFieldKeyLength: Characters in a key.
    ///   - maximumCustomFieldValueLength: Characters in a value.
    ///   - maximumCustomFields: Fields per conversation.
    ///   - maximumCustomFieldBytes: Bytes of all keys and values.
    public init(
        maximumNameLength: Int = 100,
        maximumSubjectLength: Int = 255,
        maximumEmailLength: Int = 254,
        maximumCustomFieldKeyLength: Int = 64,
        maximumCustomFieldValueLength: Int = 256,
        maximumCustomFields: Int = 25,
        maximumCustomFieldBytes: Int = 4096
    ) {
        self.maximumNameLength = max(2, maximumNameLength)
        self.maximumSubjectLength = max(1, maximumSubjectLength)
        self.maximumEmailLength = max(3, maximumEmailLength)
        self.maximumCustomFieldKeyLength = max(8, maximumCustomFieldKeyLength)
        self.maximumCustomFieldValueLength = max(8, maximumCustomFieldValueLength)
        self.maximumCustomFields = max(6, maximumCustomFields)
        self.maximumCustomFieldBytes = max(512, maximumCustomFieldBytes)
    }

    /// `text` cut to `limit` characters, ending with `…` when cut.
    static func truncated(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(max(limit - 1, 0))) + "…"
    }
}
