/// How a transcript is split into External Contact notes.
///
/// Genesys's definitions cap `Note.noteText` at 32,000 characters (`PureCloudPlatformClientV2` 269.0.0,
/// `models/note.py`); that is the default and the most a note may be.
/// Each note starts with a header line naming the transcript and the part (`part 3/12`), which also lets
/// a retried upload skip the parts already stored.
public struct GenesysNoteLimits: Sendable, Hashable {
    /// UTF-16 code units per note, header included; default and maximum 32,000.
    public var maximumNoteLength: Int
    /// Notes one transcript may become; a longer transcript fails with
    /// ``GenesysError/Code/invalidInput`` rather than losing its end. Default 200 (the notes listing
    /// reads at most 1000 records, and the upload reads it to skip stored parts).
    public var maximumNotesPerTranscript: Int

    /// Creates limits.
    /// - Parameters:
    ///   - maximumNoteLength: UTF-16 code units per note (200 to 32,000).
    ///   - maximumNotesPerTranscript: Notes per transcript (1 to 1000).
    public init(maximumNoteLength: Int = GenesysContactLimits.maximumNoteLength, maximumNotesPerTranscript: Int = 200) {
        self.maximumNoteLength = min(max(200, maximumNoteLength), GenesysContactLimits.maximumNoteLength)
        self.maximumNotesPerTranscript = min(max(1, maximumNotesPerTranscript), 1000)
    }
}
