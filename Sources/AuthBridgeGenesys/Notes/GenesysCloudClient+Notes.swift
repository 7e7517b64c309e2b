public import AuthBridgeCore
internal import AuthBridgeJWT
internal import NIOHTTP1

extension GenesysCloudClient {
    /// Attaches a transcript to an External Contact as notes
    /// (`POST /api/v2/externalcontacts/contacts/{contactId}/notes`), split to fit
    /// ``GenesysNoteLimits``, in order, nothing dropped.
    ///
    /// Notes are created one after another, oldest messages first; each starts with a header naming the
    /// transcript and the part. Before writing, the contact's notes are read and parts already stored are
    /// skipped, and after an ambiguous failure the notes are read again before the part is re-sent, so a
    /// retried or repeated upload never stores a part twice.
    /// - Parameters:
    ///   - transcript: The normalized transcript.
    ///   - contactID: The contact, for example from ``upsertContact(_:)``.
    /// - Returns: How many notes were created and skipped.
    /// - Throws: ``GenesysError`` (``GenesysError/Code/invalidInput`` if it would need more notes than
    ///   allowed) or `CancellationError`.
    public func appendTranscript(_ transcript: Transcript, toContact contactID: String) async throws -> GenesysNoteUpload {
        let notes = try TranscriptNotes(transcript, limits: self.configuration.noteLimits)
        var stored = try await self.storedHeaders(contactID: contactID, marker: notes.marker)
        var created = 0
        var skipped = 0
        let path = "/api/v2/externalcontacts/contacts/\(PathSegment.escaped(contactID))/notes"
        for (index, text) in notes.texts.enumerated() {
            if stored.contains(notes.header(index)) {
                skipped += 1
                continue
            }
            var attempt = 1
            while true {
                do {
                    var note: JSONObject = ["noteText": .string(text)]
                    if let author = self.configuration.noteAuthorUserID { note["createdBy"] = ["id": .string(author)] }
                    let request = GenesysRequest(.POST, path, json: .object(note), isIdempotent: false)
                    _ = try await self.transport.send(request)
                    created += 1
                    break
                } catch let error as GenesysError {
                    guard
                        let delay = self.configuration.http.retry.settleDelay(
                            afterAttempt: attempt,
                            error: error,
                            random: Double.random(in: 0..<1),
                            requestTimeout: self.configuration.http.requestTimeout
                        )
                    else { throw error }
                    try await Task.sleep(for: delay)
                    attempt += 1
                    // The part may have been stored before the failure: look before re-sending.
                    stored = try await self.storedHeaders(contactID: contactID, marker: notes.marker)
                    if stored.contains(notes.header(index)) {
                        skipped += 1
                        break
                    }
                }
            }
        }
        return GenesysNoteUpload(contactID: contactID, totalParts: notes.texts.count, created: created, skipped: skipped)
    }

    /// The header lines of this transcript's notes already on the contact.
    private func storedHeaders(contactID: String, marker: String) async throws -> Set<String> {
        var headers: Set<String> = []
        let path = "/api/v2/externalcontacts/contacts/\(PathSegment.escaped(contactID))/notes"
        // The listing reads at most 1000 records (10 pages of 100), newest first: this transcript's parts
        // are the latest notes, however many older ones the contact has.
        for page in 1...10 {
            let request = GenesysRequest(
                .GET,
                path,
                query: "pageSize=100&pageNumber=\(page)&sortOrder=createDate:desc",
                isIdempotent: true
            )
            let object = try await self.transport.send(request).jsonObject()
            let entities = object["entities"]?.arrayValue ?? []
            for entity in entities {
                guard let text = entity.objectValue?["noteText"]?.stringValue, text.hasPrefix(marker) else { continue }
                headers.insert(String(text.prefix { $0 != "\n" }))
            }
            let pageCount = object["pageCount"]?.numberValue.flatMap { Int(exactly: $0.rounded(.down)) } ?? page
            if entities.count < 100 || page >= pageCount { break }
        }
        return headers
    }
}
