internal import AuthBridgeJWT

/// An External Contact as this module reads it: its id and the fields it writes.
public struct GenesysExternalContact: Sendable, Hashable {
    /// The contact id.
    public let id: String
    /// The first name.
    public let firstName: String?
    /// The last name.
    public let lastName: String?
    /// The first email address the contact has (personal, work, other).
    public let email: String?
    /// The first phone number the contact has (cell, work, home, other): its read-only `e164`, else its
    /// `display`.
    public let phone: String?
    /// The `ExternalId` values on the contact (from `externalIds` and claimed identifiers).
    public let externalIDs: [String]

    /// The contact as Genesys returned it, so an update keeps fields this module does not know.
    let raw: JSONObject

    init?(_ object: JSONObject) {
        guard let id = object["id"]?.stringValue, !id.isEmpty else { return nil }
        self.id = id
        self.firstName = object["firstName"]?.stringValue
        self.lastName = object["lastName"]?.stringValue
        self.email = ["personalEmail", "workEmail", "otherEmail"].lazy.compactMap { object[$0]?.stringValue }.first
        self.phone =
            ["cellPhone", "workPhone", "homePhone", "otherPhone"].lazy
            .compactMap { object[$0]?.objectValue.flatMap { $0["e164"]?.stringValue ?? $0["display"]?.stringValue } }.first
        var ids: [String] = []
        for item in object["externalIds"]?.arrayValue ?? [] {
            if let value = item.objectValue?["value"]?.stringValue { ids.append(value) }
        }
        // Identifiers are read-only on the contact; a claimed ExternalId shows there too.
        for item in object["identifiers"]?.arrayValue ?? [] {
            if let identifier = item.objectValue, identifier["type"]?.stringValue == "ExternalId",
                let value = identifier["value"]?.stringValue, !ids.contains(value)
            {
                ids.append(value)
            }
        }
        self.externalIDs = ids
        self.raw = object
    }

    /// Contacts are equal when their ids and read fields are.
    public static func == (lhs: GenesysExternalContact, rhs: GenesysExternalContact) -> Bool {
        lhs.id == rhs.id && lhs.firstName == rhs.firstName && lhs.lastName == rhs.lastName && lhs.email == rhs.email
            && lhs.phone == rhs.phone && lhs.externalIDs == rhs.externalIDs
    }

    /// Hashes the id.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.id)
    }
}
