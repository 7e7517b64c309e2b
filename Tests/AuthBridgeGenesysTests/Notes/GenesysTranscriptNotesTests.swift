import AuthBridgeCore
import AuthBridgeGenesys
import AuthBridgeTestSupport
import AuthBridgeTesting
import Hummingbird
import Testing

@Suite struct GenesysTranscriptNotesTests {
    static func transcript(count: Int) -> Transcript {
        let messages = (0..<count).map { index in
            TranscriptMessage(
                role: index.isMultiple(of: 2) ? .customer : .agent,
                displayName: index.isMultiple(of: 2) ? "Customer" : "Agent Smith",
                timestamp: 1_764_000_000 + Double(index),
                // Varied lengths, one far longer than a note, so splitting is exercised.
                text: index == 123
                    ? String(repeating: "long-message ", count: 900) : "message #\(index) " + String(repeating: "·", count: index % 37),
                originalType: "chat.msg"
            )
        }
        return Transcript(source: "zendesk.chat", conversationID: "1704.99.ABC", messages: messages)
    }

    /// The note bodies, headers removed and continuation pieces joined, in note order.
    static func lines(of notes: [String]) -> [String] {
        var lines: [String] = []
        for note in notes {
            for line in note.split(separator: "\n", omittingEmptySubsequences: false).dropFirst() {
                if line.hasPrefix("↳ "), !lines.isEmpty {
                    lines[lines.count - 1] += line.dropFirst(2)
                } else {
                    lines.append(String(line))
                }
            }
        }
        return lines
    }

    @Test func severalHundredMessagesLandAsNotesInOrderWithNothingLost() async throws {
        let limits = GenesysNoteLimits(maximumNoteLength: 2000)
        let configuration = GenesysCloudClient.Configuration(http: GenesysFixture.quickPolicy(), noteLimits: limits)
        try await GenesysFixture.with(.init(maximumNoteLength: 2000), configuration: configuration) { fixture in
            let contact = try await fixture.genesys.upsertContact(GenesysContactDetails(externalID: "zd-1", firstName: "A", lastName: "B"))
            let transcript = Self.transcript(count: 400)
            let upload = try await fixture.genesys.appendTranscript(transcript, toContact: contact.contact.id)
            #expect(upload.created == upload.totalParts)
            #expect(upload.skipped == 0)
            #expect(upload.totalParts > 10)
            let notes = try #require(fixture.emulator.contacts.first?.notes)
            #expect(notes.count == upload.totalParts)
            for (index, note) in notes.enumerated() {
                #expect(note.count <= 2000)
                #expect(note.hasPrefix("authbridge-transcript:zendesk.chat/1704.99.ABC part \(index + 1)/\(notes.count)\n"))
            }
            let lines = Self.lines(of: notes)
            #expect(lines.count == 400)
            for (index, message) in transcript.messages.enumerated() {
                #expect(lines[index].hasSuffix(": " + (message.text ?? "")))
                #expect(lines[index].hasPrefix("[\(message.role)] \(message.displayName ?? "")"))
            }

            // Uploading again stores nothing twice.
            let again = try await fixture.genesys.appendTranscript(transcript, toContact: contact.contact.id)
            #expect(again.created == 0)
            #expect(again.skipped == upload.totalParts)
            #expect(fixture.emulator.contacts.first?.notes.count == upload.totalParts)
        }
    }

    @Test func aNoteWhoseAnswerIsLostIsNotStoredTwice() async throws {
        // The note lands 100 ms after the client gave up, and the client looks again a full timeout later:
        // 900 ms of margin, so a loaded machine does not make the emulator's write look lost.
        let configuration = GenesysCloudClient.Configuration(http: GenesysFixture.quickPolicy(timeout: .milliseconds(1_000)))
        try await GenesysFixture.with(configuration: configuration) { fixture in
            let contact = try await fixture.genesys.upsertContact(GenesysContactDetails(externalID: "zd-2", lastName: "C"))
            let id = contact.contact.id
            fixture.emulator.faults.inject(.delay(.milliseconds(1_100)), on: EmulatorRoute(.post, "/api/v2/externalcontacts/contacts/\(id)/notes"))
            let upload = try await fixture.genesys.appendTranscript(Self.transcript(count: 30), toContact: id)
            #expect(upload.created + upload.skipped == upload.totalParts)
            #expect(upload.skipped <= 1)
            await eventually("the delayed note is stored") { fixture.emulator.contacts.first?.notes.count == upload.totalParts }
            let notes = try #require(fixture.emulator.contacts.first?.notes)
            #expect(Set(notes).count == notes.count)
        }
    }

    @Test func aTranscriptTooLongForTheNoteCapFailsRatherThanLosingItsEnd() async throws {
        let configuration = GenesysCloudClient.Configuration(noteLimits: GenesysNoteLimits(maximumNoteLength: 300, maximumNotesPerTranscript: 3))
        try await GenesysFixture.with(configuration: configuration) { fixture in
            do {
                _ = try await fixture.genesys.appendTranscript(Self.transcript(count: 50), toContact: "any")
                Issue.record("expected an error")
            } catch let error as GenesysError {
                #expect(error.code == .invalidInput)
            }
        }
    }
}
