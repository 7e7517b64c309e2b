import AuthBridgeCore
import Testing

@testable import AuthBridgeGenesys

@Suite struct TranscriptNotesTests {
    @Test func linesAreFormattedAndPackedInOrder() throws {
        let transcript = Transcript(
            source: "zendesk.chat",
            conversationID: "c1",
            messages: [
                TranscriptMessage(role: .customer, displayName: "Ann", timestamp: 0, text: "hi", originalType: "chat.msg"),
                TranscriptMessage(
                    role: .agent,
                    text: nil,
                    attachments: [TranscriptAttachment(url: "https://files.example/x.png")],
                    originalType: "chat.file"
                ),
            ],
            isTruncated: true
        )
        let notes = try TranscriptNotes(transcript, limits: GenesysNoteLimits())
        #expect(notes.texts.count == 1)
        #expect(
            notes.texts[0] == """
                authbridge-transcript:zendesk.chat/c1 part 1/1
                (older messages were not read from zendesk.chat)
                [customer] Ann (1970-01-01T00:00:00Z): hi
                [agent]: (chat.file) [attachment file] <https://files.example/x.png>
                """
        )
        #expect(notes.header(0) == "authbridge-transcript:zendesk.chat/c1 part 1/1")
    }

    @Test func aLineLongerThanANoteIsCutIntoMarkedPieces() {
        let pieces = TranscriptNotes.pieces(of: String(repeating: "a", count: 250), room: 100)
        #expect(pieces.count == 3)
        #expect(pieces[0].count == 100)
        #expect(pieces[1].hasPrefix("↳ ") && pieces[1].count == 100)
        #expect(pieces.map { $0.hasPrefix("↳ ") ? String($0.dropFirst(2)) : $0 }.joined() == String(repeating: "a", count: 250))
    }

    @Test func anEmptyTranscriptStillLeavesANote() throws {
        let notes = try TranscriptNotes(Transcript(source: "s", conversationID: "c", messages: []), limits: GenesysNoteLimits())
        #expect(notes.texts == ["authbridge-transcript:s/c part 1/1\n(empty transcript)"])
    }

    @Test func timestampsAreUTC() {
        #expect(UTCTimestamp.format(0) == "1970-01-01T00:00:00Z")
        #expect(UTCTimestamp.format(1_764_064_800) == "2025-11-25T10:00:00Z")
        #expect(UTCTimestamp.format(951_782_400) == "2000-02-29T00:00:00Z")
        #expect(UTCTimestamp.format(-1) == "1969-12-31T23:59:59Z")
    }
}
