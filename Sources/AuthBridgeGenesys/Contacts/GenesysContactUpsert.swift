/// The outcome of ``GenesysCloudClient/upsertContact(_:)``.
public struct GenesysContactUpsert: Sendable, Hashable {
    /// The contact after the upsert.
    public let contact: GenesysExternalContact
    /// The fields and identifiers left out because their value breaks a Genesys limit, each as
    /// `field (rule)`, never the value: for example `externalIds (value over 255 characters)`.
    public let omittedFields: [String]

    /// Creates an outcome.
    /// - Parameters:
    ///   - contact: The contact.
    ///   - omittedFields: What was left out, and why.
    public init(contact: GenesysExternalContact, omittedFields: [String] = []) {
        self.contact = contact
        self.omittedFields = omittedFields
    }
}
