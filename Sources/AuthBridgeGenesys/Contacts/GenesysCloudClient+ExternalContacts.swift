internal import AuthBridgeCore
internal import AuthBridgeJWT
internal import Logging
internal import NIOHTTP1

extension GenesysCloudClient {
    /// Looks an External Contact up by one identifier (`POST /api/v2/externalcontacts/identifierlookup/contacts`);
    /// an `ExternalId` is looked up within the configured External Source.
    /// - Parameter identifier: The identifier.
    /// - Returns: The contact, or `nil` when none has it (404).
    /// - Throws: ``GenesysError`` or `CancellationError`.
    public func findContact(_ identifier: GenesysContactIdentifier) async throws -> GenesysExternalContact? {
        let source = identifier.type == "ExternalId" ? try await self.externalSourceID() : nil
        let request = GenesysRequest(
            .POST,
            "/api/v2/externalcontacts/identifierlookup/contacts",
            json: identifier.json(externalSourceID: source),
            isIdempotent: true
        )
        do {
            let response = try await self.transport.send(request)
            return try Self.contact(from: response)
        } catch let error as GenesysError where error.code == .notFound {
            return nil
        }
    }

    /// Creates or updates the customer's External Contact in one call
    /// (`POST /api/v2/externalcontacts/contacts/enrich`, action `Upsert`).
    ///
    /// The contact is matched by its `ExternalId` (in the configured External Source), then its email;
    /// names, email, phone (`cellPhone.display`) and the `ExternalId` are written. Every value is checked
    /// against Genesys's published limits first (``GenesysContactLimits``): one that breaks a limit is
    /// left out, named in ``GenesysContactUpsert/omittedFields`` and logged at `notice`, and the contact is
    /// written without it. Upserts are idempotent, so transient failures are retried; upserts of the same
    /// external id through one client run one at a time.
    /// - Parameter details: What to write.
    /// - Returns: The contact and what was left out.
    /// - Throws: ``GenesysError`` (``GenesysError/Code/invalidInput`` when no identifier fits the limits)
    ///   or `CancellationError`.
    public func upsertContact(_ details: GenesysContactDetails) async throws -> GenesysContactUpsert {
        let source = try await self.externalSourceID()
        let checked = CheckedContact(details)
        guard !checked.matching.isEmpty else {
            throw GenesysError.invalidInput(
                "no identifier of the contact fits Genesys's limits: \(checked.omitted.joined(separator: ", "))"
            )
        }
        var contact = JSONObject()
        if let first = checked.firstName { contact["firstName"] = .string(first) }
        if let last = checked.lastName { contact["lastName"] = .string(last) }
        if let email = checked.email { contact["personalEmail"] = .string(email) }
        if let phone = checked.phone { contact["cellPhone"] = ["display": .string(phone)] }
        if let externalID = checked.externalID {
            contact["externalIds"] = [["externalSource": ["id": .string(source)], "value": .string(externalID)]]
        }
        var body: JSONObject = [
            "action": "Upsert",
            "matchingIdentifiers": .array(checked.matching.map { $0.json(externalSourceID: source) }),
            "contact": .object(contact),
            // An Ephemeral or Identified contact Genesys's own identity resolution made expires 60 days after
            // its last interaction, notes and all; the contact AuthBridge writes to is kept.
            "options": ["promote": true],
        ]
        if checked.nameIsFallback {
            // The stand-in name never replaces a name the contact already has.
            body["fieldRules"] = ["rules": [["field": "$.lastName", "action": "PreferExisting"]]]
        }
        let request = GenesysRequest(.POST, "/api/v2/externalcontacts/contacts/enrich", json: .object(body), isIdempotent: true)
        let key = "contact:" + (checked.matching.first?.description ?? "")
        let stored = try await self.locks.withLock(key) { try Self.contact(from: try await self.transport.send(request)) }
        if !checked.omitted.isEmpty {
            self.logger.notice(
                "External Contact written without values that break Genesys's limits",
                metadata: [
                    // Fixed templates naming fields and rules; the id is Genesys's, escaped and capped.
                    "authbridge.omitted": "\(checked.omitted.joined(separator: "; "))",
                    "authbridge.contact_id": "\(GenesysError.printable(stored.id))",
                ]
            )
        }
        return GenesysContactUpsert(contact: stored, omittedFields: checked.omitted)
    }

    /// Links an External Contact to a conversation (`PUT /api/v2/externalcontacts/conversations/{conversationId}`),
    /// so the agent sees the contact (and its notes) on the interaction.
    /// - Parameters:
    ///   - contactID: The contact.
    ///   - conversationID: The conversation.
    ///   - communicationID: The customer's communication id, if known.
    ///   - mediaType: `ConversationAssociation.mediaType`; default `MESSAGE` (web messaging).
    /// - Throws: ``GenesysError`` or `CancellationError`.
    public func linkContact(
        _ contactID: String,
        toConversation conversationID: String,
        communicationID: String? = nil,
        mediaType: String = "MESSAGE"
    ) async throws {
        var body: JSONObject = [
            "externalContactId": .string(contactID),
            "conversationId": .string(conversationID),
            "mediaType": .string(mediaType),
        ]
        if let communicationID { body["communicationId"] = .string(communicationID) }
        let path = "/api/v2/externalcontacts/conversations/\(PathSegment.escaped(conversationID))"
        _ = try await self.transport.send(GenesysRequest(.PUT, path, json: .object(body), isIdempotent: true))
    }

    /// The id of the External Source named ``Configuration/externalSourceName``: found by name
    /// (`GET /api/v2/externalcontacts/externalsources?name=`), else created
    /// (`POST /api/v2/externalcontacts/externalsources`), then kept for the client's lifetime.
    /// - Returns: The source id.
    /// - Throws: ``GenesysError`` or `CancellationError`.
    public func externalSourceID() async throws -> String {
        if let id = self.externalSource.value { return id }
        // Genesys strips whitespace around source names.
        let name = self.configuration.externalSourceName.trimmingWhitespace()
        guard !name.isEmpty, name.utf16.count <= GenesysContactLimits.maximumExternalSourceNameLength else {
            throw GenesysError.invalidConfiguration(
                "the External Source name must be 1-\(GenesysContactLimits.maximumExternalSourceNameLength) characters"
            )
        }
        return try await self.locks.withLock("external-source") {
            if let id = self.externalSource.value { return id }
            let id: String
            if let found = try await self.findExternalSource(named: name) {
                id = found
            } else {
                do {
                    let request = GenesysRequest(
                        .POST,
                        "/api/v2/externalcontacts/externalsources",
                        json: ["name": .string(name), "active": true],
                        isIdempotent: false
                    )
                    let response = try await self.transport.send(request)
                    id = try response.string("id", in: try response.jsonObject())
                    self.logger.notice("External Source created", metadata: ["authbridge.external_source": "\(name)"])
                } catch let error as GenesysError where error.code == .conflict || error.code == .badRequest {
                    // Another client created it meanwhile (names are unique): it is there now.
                    guard let found = try await self.findExternalSource(named: name) else { throw error }
                    id = found
                }
            }
            self.externalSource.store(id)
            return id
        }
    }

    /// The id of the External Source named ``Configuration/externalSourceName``, without creating it:
    /// `nil` when there is none yet (``externalSourceID()`` creates it on first use).
    /// - Returns: The id, or `nil`.
    /// - Throws: ``GenesysError`` (``GenesysError/Code/invalidConfiguration`` when the source is inactive)
    ///   or `CancellationError`.
    public func existingExternalSourceID() async throws -> String? {
        if let id = self.externalSource.value { return id }
        return try await self.findExternalSource(named: self.configuration.externalSourceName.trimmingWhitespace())
    }

    /// The id of the source named exactly `name`, following cursors (at most 10 pages); an inactive one
    /// is a configuration error, since a new one of the same name cannot be created.
    private func findExternalSource(named name: String) async throws -> String? {
        var cursor: String?
        for _ in 0..<10 {
            var query = "name=\(PathSegment.escaped(name))&limit=100"
            if let cursor { query += "&cursor=\(PathSegment.escaped(cursor))" }
            let request = GenesysRequest(.GET, "/api/v2/externalcontacts/externalsources", query: query, isIdempotent: true)
            let object = try await self.transport.send(request).jsonObject()
            for entity in object["entities"]?.arrayValue ?? [] {
                guard let source = entity.objectValue, source["name"]?.stringValue == name,
                    let id = source["id"]?.stringValue, !id.isEmpty
                else { continue }
                guard source["active"]?.boolValue != false else {
                    throw GenesysError.invalidConfiguration(
                        "the External Source '\(GenesysError.printable(name, limit: 200))' is inactive: activate it in Genesys, or configure another name"
                    )
                }
                return id
            }
            guard let next = object["cursors"]?.objectValue?["after"]?.stringValue, !next.isEmpty else { return nil }
            cursor = next
        }
        return nil
    }

    private static func contact(from response: GenesysResponse) throws(GenesysError) -> GenesysExternalContact {
        guard let contact = GenesysExternalContact(try response.jsonObject()) else {
            throw GenesysError(
                .malformedResponse,
                kind: .permanent,
                reason: "the response is not an External Contact",
                operation: response.operation,
                status: response.status,
                correlationID: response.correlationID
            )
        }
        return contact
    }
}
