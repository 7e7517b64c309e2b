/// The External Contact limits of Genesys's published definitions (`PureCloudPlatformClientV2` 269.0.0
/// models, extracted in `Tests/Contracts/genesys/genesys-contract.json`), checked before every write so a
/// value beyond them is never sent. Lengths are UTF-16 code units, as Genesys's Java back end counts
/// (the stricter reading: never more than characters).
public enum GenesysContactLimits: Sendable {
    /// `ContactIdentifier.value` and `ExternalId.value`: at most 255 characters.
    public static let maximumIdentifierLength = 255
    /// `ExternalContact.personalEmail` (and `workEmail`, `otherEmail`): at most 256 characters.
    public static let maximumEmailLength = 256
    /// `ExternalContact.firstName`, `lastName`: at most 1000 characters.
    public static let maximumNameLength = 1000
    /// `PhoneNumber.display`: at most 512 characters.
    public static let maximumPhoneDisplayLength = 512
    /// `ExternalContact.externalIds`: at most 10 items.
    public static let maximumExternalIDs = 10
    /// `ExternalSource.name`: at most 200 characters.
    public static let maximumExternalSourceNameLength = 200
    /// `Note.noteText`: at most 32,000 characters.
    public static let maximumNoteLength = 32_000

    /// Whether `email` is an address Genesys's email fields take: within the cap, one `@` between a
    /// non-empty local part and a dotted domain, and no whitespace or control characters. Stricter than
    /// RFC 5322 on purpose: what is refused here is left out of the contact, never sent.
    static func isValidEmail(_ email: String) -> Bool {
        guard email.utf16.count <= Self.maximumEmailLength else { return false }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last, !local.isEmpty else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else { return false }
        return !email.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }
    }
}
