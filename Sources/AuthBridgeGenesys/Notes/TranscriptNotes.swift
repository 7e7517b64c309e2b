internal import AuthBridgeCore

/// Splits a transcript into note texts that fit ``GenesysNoteLimits``, in order, losing nothing.
///
/// Lengths are UTF-16 code units, as Genesys's `noteText` cap is counted by its Java back end (the
/// stricter reading: an emoji is two units, never more than one character).
///
/// Each message becomes one line (`[role] name (time): text [attachment name, type, size] <url>`); lines are packed into
/// notes greedily; a line longer than a note's room is cut into pieces, each continuation starting with
/// `↳ `. The same transcript with the same limits always gives the same notes, which is what makes a
/// retried upload skip the parts already stored.
struct TranscriptNotes {
    let texts: [String]
    let marker: String

    static let continuation = "↳ "

    init(_ transcript: Transcript, limits: GenesysNoteLimits) throws(GenesysError) {
        let source = GenesysError.capped(transcript.source, limit: 40)
        let marker = "authbridge-transcript:\(source)/\(GenesysError.capped(transcript.conversationID, limit: 120))"
        self.marker = marker
        // The header: "<marker> part 999/999", plus a newline.
        let headerRoom = marker.utf16.count + " part 1000/1000".utf16.count + 1
        let room = limits.maximumNoteLength - headerRoom
        guard room >= 40 else {
            throw GenesysError.invalidInput("the note length cap leaves no room after the header")
        }
        var lines: [String] = []
        if transcript.isTruncated { lines.append("(older messages were not read from \(transcript.source))") }
        for message in transcript.messages {
            var line = "[\(message.role)]"
            if let name = message.displayName { line += " \(name)" }
            if let timestamp = message.timestamp { line += " (\(UTCTimestamp.format(timestamp)))" }
            line += ": " + (message.text ?? "(\(message.originalType))")
            for attachment in message.attachments { line += " " + Self.describe(attachment) }
            lines.append(contentsOf: Self.pieces(of: line, room: room))
        }
        var bodies: [String] = []
        var current = ""
        for line in lines {
            if current.isEmpty {
                current = line
            } else if current.utf16.count + 1 + line.utf16.count <= room {
                current += "\n" + line
            } else {
                bodies.append(current)
                current = line
            }
        }
        if !current.isEmpty || bodies.isEmpty { bodies.append(current.isEmpty ? "(empty transcript)" : current) }
        guard bodies.count <= limits.maximumNotesPerTranscript else {
            throw GenesysError.invalidInput(
                "the transcript needs \(bodies.count) notes, over the cap of \(limits.maximumNotesPerTranscript)"
            )
        }
        self.texts = bodies.enumerated().map { index, body in
            "\(marker) part \(index + 1)/\(bodies.count)\n\(body)"
        }
    }

    /// `[attachment receipt.png, image/png, 2048 bytes, needs Zendesk access] <url>`: what an agent can
    /// know of a file without opening it, and whether opening it needs the source's sign-in.
    static func describe(_ attachment: TranscriptAttachment) -> String {
        var facts = [attachment.name ?? "file"]
        if let type = attachment.mediaType { facts.append(type) }
        if let bytes = attachment.byteCount { facts.append("\(bytes) bytes") }
        if attachment.requiresSourceAccess { facts.append("needs Zendesk access") }
        return "[attachment \(facts.joined(separator: ", "))] <\(attachment.url)>"
    }

    /// The header of part `index` (0-based), which identifies it among stored notes.
    func header(_ index: Int) -> String {
        "\(self.marker) part \(index + 1)/\(self.texts.count)"
    }

    /// A line cut into pieces of at most `room` UTF-16 units, continuations marked; inside a character only
    /// when the character alone is longer than half a piece.
    static func pieces(of line: String, room: Int) -> [String] {
        guard line.utf16.count > room else { return [line] }
        var result: [String] = []
        var current = ""
        var units = 0
        // A character longer than a piece (combining marks pile up without bound) is cut between its scalars.
        let pieces = line.flatMap { character -> [String] in
            character.utf16.count <= room / 2 ? [String(character)] : character.unicodeScalars.map { String($0) }
        }
        for piece in pieces {
            let size = piece.utf16.count
            let limit = result.isEmpty ? room : room - Self.continuation.utf16.count
            if units + size > limit, !current.isEmpty {
                result.append((result.isEmpty ? "" : Self.continuation) + current)
                current = ""
                units = 0
            }
            current += piece
            units += size
        }
        if !current.isEmpty { result.append((result.isEmpty ? "" : Self.continuation) + current) }
        return result
    }
}
