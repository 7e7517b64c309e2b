/// What a source knows about the customer beyond the transcript: identity, tags, department, ticket,
/// the page they were on, and anything else it reported.
public struct CustomerContext: Hashable, Sendable, Codable {
    /// The customer's id in the source (a Chat visitor id, a Sunshine Conversations user id).
    public var sourceUserID: String?
    /// The customer's `external_id` (your own id for them), if the source has it.
    public var externalID: String?
    /// The display name.
    public var name: String?
    /// The email address, as the source holds it (not necessarily verified).
    public var email: String?
    /// The phone number, as the source holds it.
    public var phone: String?
    /// Tags on the conversation or the customer.
    public var tags: [String]
    /// The department or group the conversation was routed to, by name.
    public var department: String?
    /// The department's id in the source.
    public var departmentID: String?
    /// The Zendesk Support ticket id linked to the conversation, if any.
    public var ticketID: String?
    /// The ticket itself, when it was read (subject, status, priority, tags, configured custom fields).
    public var ticket: CustomerTicket?
    /// The page the customer was on most recently, if known.
    public var pagePath: String?
    /// Everything else the source reported (session location, browser, rating, agent names, profile).
    public var attributes: [String: ContextValue]

    /// Creates a context.
    /// - Parameters:
    ///   - sourceUserID: The customer's id in the source.
    ///   - externalID: Your id for the customer.
    ///   - name: The display name.
    ///   - email: The email address.
    ///   - phone: The phone number.
    ///   - tags: Tags.
    ///   - department: The department's name.
    ///   - departmentID: The department's id.
    ///   - ticketID: A linked ticket id.
    ///   - pagePath: The most recent page.
    ///   - attributes: Everything else.
    ///   - ticket: The linked ticket, when read.
    public init(
        sourceUserID: String? = nil,
        externalID: String? = nil,
        name: String? = nil,
        email: String? = nil,
        phone: String? = nil,
        tags: [String] = [],
        department: String? = nil,
        departmentID: String? = nil,
        ticketID: String? = nil,
        pagePath: String? = nil,
        attributes: [String: ContextValue] = [:],
        ticket: CustomerTicket? = nil
    ) {
        self.sourceUserID = sourceUserID
        self.externalID = externalID
        self.name = name
        self.email = email
        self.phone = phone
        self.tags = tags
        self.department = department
        self.departmentID = departmentID
        self.ticketID = ticketID
        self.pagePath = pagePath
        self.attributes = attributes
        self.ticket = ticket
    }
}
