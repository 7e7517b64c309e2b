/// How a transcript is split into External Contact notes.
///
/// Genesys documents no length limit for `noteText`; the default cap is a conservative 4000 characters.
/// Each note starts with a header line naming the transcript and the part (`part 3/12`), which also lets
/// a retried upload skip the parts already stored.
public struct GenesysNoteLimits: Sendable, Hashable {
    /// Characters per note, header included; default 4000.
    public var maximumNoteLength: Int
    /// Notes one transcript may become; a longer transcript fails with
    /// ``GenesysError/Code/invalidInput`` rather than losing its end. Default 200 (the notes listing
    /// reads at most 1000 records, and the upload reads it to skip stored parts).
    public var maximumNotesPerTranscript: Int

    /// Creates limits.
    /// - Parameters:
    ///   - maximumNoteLength: Characters per note (at least 200).
    ///   - maximumNotesPerTranscript: Notes per transcript (1 to 1000).
    public init(maximumNoteLength: Int = 4000, maximumNotesPerTranscript: Int = 200) {
        self.maximumNoteLength = max(200, maximumNoteLength)
        self.maximumNotesPerTranscript = min(max(1, maximumNotesPerTranscript), 1000)
    }
}
