/// A Zendesk Support user as the bridge needs it to find the customer's history: the ids and the email.
public struct ZendeskSupportUser: Hashable, Sendable {
    /// The Support user id.
    public var id: String
    /// Your id for the user (`external_id`), if set.
    public var externalID: String?
    /// The primary email, if any.
    public var email: String?
    /// Zendesk's `verified`: whether *any* of the user's identities is verified (not necessarily the
    /// email), so it never makes the email count as verified.
    public var isVerified: Bool

    /// Creates a user.
    /// - Parameters:
    ///   - id: The Support user id.
    ///   - externalID: The external id.
    ///   - email: The primary email.
    ///   - isVerified: Zendesk's `verified` (some identity is verified).
    public init(id: String, externalID: String? = nil, email: String? = nil, isVerified: Bool = false) {
        self.id = id
        self.externalID = externalID
        self.email = email
        self.isVerified = isVerified
    }
}
