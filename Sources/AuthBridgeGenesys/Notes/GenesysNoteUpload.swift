/// The outcome of ``GenesysCloudClient/appendTranscript(_:toContact:)``.
public struct GenesysNoteUpload: Sendable, Hashable {
    /// The contact the notes belong to.
    public let contactID: String
    /// How many notes the transcript became.
    public let totalParts: Int
    /// How many notes this call created.
    public let created: Int
    /// How many parts were already stored (by an earlier, interrupted call) and were skipped.
    public let skipped: Int

    /// Creates an outcome.
    /// - Parameters:
    ///   - contactID: The contact.
    ///   - totalParts: Notes in all.
    ///   - created: Notes created now.
    ///   - skipped: Parts already stored.
    public init(contactID: String, totalParts: Int, created: Int, skipped: Int) {
        self.contactID = contactID
        self.totalParts = totalParts
        self.created = created
        self.skipped = skipped
    }
}
