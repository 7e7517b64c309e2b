/// An External Contact as the ``GenesysEmulator`` stores it, for assertions.
public struct GenesysEmulatorContact: Sendable, Hashable {
    /// The contact id.
    public let id: String
    /// The contact as last written, serialized JSON (members in the order written).
    public let json: String
    /// The identifiers it claims, as `Type:value` (for example `ExternalId:42`, `Email:a@b.c`).
    public let identifiers: [String]
    /// Its notes' texts, oldest first.
    public let notes: [String]
}
