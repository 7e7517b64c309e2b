/// The outcome of ``GenesysCloudClient/upsertContact(_:)``.
public struct GenesysContactUpsert: Sendable, Hashable {
    /// The contact after the upsert.
    public let contact: GenesysExternalContact
    /// Whether this call created it (`false`: it existed and was updated).
    public let wasCreated: Bool

    /// Creates an outcome.
    /// - Parameters:
    ///   - contact: The contact.
    ///   - wasCreated: Whether it was created.
    public init(contact: GenesysExternalContact, wasCreated: Bool) {
        self.contact = contact
        self.wasCreated = wasCreated
    }
}
