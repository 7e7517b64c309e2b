/// An External Contact as the ``GenesysEmulator`` stores it, for assertions.
public struct GenesysEmulatorContact: Sendable, Hashable {
    /// The contact id.
    public let id: String
    /// The contact as last written, serialized JSON (members in the order written).
    public let json: String
    /// The identifiers it claims, as `Type:value` (for example `ExternalId:42`, `Email:a@b.c`).
    public let identifiers: [String]
    /// The names of the External Sources its `ExternalId` identifiers reference, in claim order.
    public let externalSourceNames: [String]
    /// The conversations it is linked to (`PUT /api/v2/externalcontacts/conversations/{id}`).
    public let linkedConversations: [String]
    /// Its `type`: `Ephemeral`, `Identified` or `Curated`.
    public let type: String
    /// Its notes' texts, oldest first.
    public let notes: [String]
}
