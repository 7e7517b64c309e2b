internal import AuthBridgeJWT

/// An identifier an External Contact can be looked up by (`ContactIdentifier`).
public struct GenesysContactIdentifier: Sendable, Hashable, CustomStringConvertible {
    /// The identifier type as Genesys names it: `ExternalId`, `Email`, `Phone` or `Cookie`.
    public let type: String
    /// The value; phone numbers in E.164.
    public let value: String

    private init(type: String, value: String) {
        self.type = type
        self.value = value
    }

    /// Your id for the customer (the Zendesk `external_id`).
    /// - Parameter value: The id.
    /// - Returns: An `ExternalId` identifier.
    public static func externalID(_ value: String) -> GenesysContactIdentifier {
        GenesysContactIdentifier(type: "ExternalId", value: value)
    }

    /// An email address, compared case-insensitively (it is lowercased).
    /// - Parameter value: The address.
    /// - Returns: An `Email` identifier.
    public static func email(_ value: String) -> GenesysContactIdentifier {
        GenesysContactIdentifier(type: "Email", value: value.trimmingWhitespace().lowercased())
    }

    /// A phone number; Genesys matches only E.164 (`+` and the country code).
    /// - Parameter value: The number; spaces, dashes and parentheses are removed.
    /// - Returns: A `Phone` identifier.
    /// - Throws: ``GenesysError/Code/invalidInput`` when the number is not E.164.
    public static func phone(_ value: String) throws(GenesysError) -> GenesysContactIdentifier {
        guard let e164 = E164.normalized(value) else {
            throw GenesysError.invalidInput("a phone identifier must be E.164: '+' and 8-15 digits")
        }
        return GenesysContactIdentifier(type: "Phone", value: e164)
    }

    /// `Type:value`.
    public var description: String { "\(self.type):\(self.value)" }

    /// The `ContactIdentifier` body; an `ExternalId` references its External Source, as Genesys requires.
    func json(externalSourceID: String?) -> JSONValue {
        var object: JSONObject = ["type": .string(self.type), "value": .string(self.value)]
        if self.type == "ExternalId", let externalSourceID { object["externalSource"] = ["id": .string(externalSourceID)] }
        return .object(object)
    }
}
