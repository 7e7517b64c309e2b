internal import AuthBridgeCore

/// A contact's values checked against ``GenesysContactLimits``: what may be sent, and what was left out.
struct CheckedContact {
    var externalID: String?
    var firstName: String?
    var lastName: String?
    var email: String?
    var phone: String?
    var matching: [GenesysContactIdentifier] = []
    var omitted: [String] = []
    /// Whether ``lastName`` is a stand-in (the external id or email) for a nameless customer.
    var nameIsFallback = false

    init(_ details: GenesysContactDetails) {
        let idLimit = GenesysContactLimits.maximumIdentifierLength
        if details.externalID.isEmpty {
            self.omitted.append("externalIds (empty value)")
        } else if details.externalID.utf16.count > idLimit {
            self.omitted.append("externalIds (value over \(idLimit) characters)")
        } else {
            self.externalID = details.externalID
            self.matching.append(.externalID(details.externalID))
        }
        if let email = details.email?.trimmingWhitespace(), !email.isEmpty {
            if GenesysContactLimits.isValidEmail(email) {
                self.email = email
                let identifier = GenesysContactIdentifier.email(email)
                if identifier.value.utf16.count <= idLimit {
                    self.matching.append(identifier)
                } else {
                    self.omitted.append("Email identifier (value over \(idLimit) characters)")
                }
            } else {
                self.omitted.append("personalEmail (not a valid address of at most \(GenesysContactLimits.maximumEmailLength) characters)")
            }
        }
        let nameLimit = GenesysContactLimits.maximumNameLength
        for (field, value) in [("firstName", details.firstName), ("lastName", details.lastName)] {
            guard let value, !value.isEmpty else { continue }
            guard value.utf16.count <= nameLimit else {
                self.omitted.append("\(field) (over \(nameLimit) characters)")
                continue
            }
            if field == "firstName" { self.firstName = value } else { self.lastName = value }
        }
        // Genesys's UI needs a name: without one, the external id (or email) stands in.
        if self.firstName == nil, self.lastName == nil {
            self.lastName = self.externalID ?? self.email
            self.nameIsFallback = self.lastName != nil
        }
        if let phone = details.phone {
            if let e164 = E164.normalized(phone), e164.utf16.count <= GenesysContactLimits.maximumPhoneDisplayLength {
                self.phone = e164
            } else {
                self.omitted.append("cellPhone (not an E.164 number)")
            }
        }
    }
}
