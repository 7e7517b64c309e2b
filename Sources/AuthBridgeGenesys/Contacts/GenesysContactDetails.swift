public import AuthBridgeCore

/// What an External Contact upsert writes: the customer's id, names, email and phone.
public struct GenesysContactDetails: Sendable, Hashable {
    /// Your id for the customer (the Zendesk `external_id`); the upsert's idempotency key.
    public var externalID: String
    /// The first name.
    public var firstName: String?
    /// The last name. Genesys's UI requires a name; when both names are missing the external id (or
    /// email) stands in as the last name of a new contact, and never replaces the name a contact has.
    public var lastName: String?
    /// The email address (written as `personalEmail`).
    public var email: String?
    /// The phone number in E.164, written as `cellPhone.display` (Genesys derives the read-only `e164`).
    public var phone: String?

    /// Creates details.
    /// - Parameters:
    ///   - externalID: Your id for the customer.
    ///   - firstName: The first name.
    ///   - lastName: The last name.
    ///   - email: The email address.
    ///   - phone: The phone number in E.164.
    public init(
        externalID: String,
        firstName: String? = nil,
        lastName: String? = nil,
        email: String? = nil,
        phone: String? = nil
    ) {
        self.externalID = externalID
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.phone = phone
    }

    /// Details from a verified session, completed by Zendesk context where the session says nothing.
    ///
    /// The id and email come from the session only (they identify); the phone may come from context.
    /// - Parameters:
    ///   - session: The verified customer.
    ///   - context: Zendesk context.
    public init(session: VerifiedSession, context: CustomerContext? = nil) {
        let name = PersonName(session.name ?? context?.name ?? "")
        self.init(
            externalID: session.subject,
            firstName: name.first,
            lastName: name.last,
            email: session.email,
            phone: context?.phone.flatMap { E164.normalized($0) }
        )
    }

    /// The identifiers the upsert matches the contact by, strongest first: ExternalId, then Email. Both
    /// come from the verified session; a phone from Zendesk context is written, never matched on.
    public var identifiers: [GenesysContactIdentifier] {
        var result = [GenesysContactIdentifier.externalID(self.externalID)]
        if let email { result.append(.email(email)) }
        return result
    }
}
