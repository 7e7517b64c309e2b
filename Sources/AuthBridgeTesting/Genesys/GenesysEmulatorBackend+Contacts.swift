internal import AuthBridgeJWT
import Foundation
internal import Hummingbird
import Synchronization

/// External Contacts as Genesys's definitions describe them (`PureCloudPlatformClientV2` 269.0.0,
/// `Tests/Contracts/genesys/genesys-contract.json`): read-only phone parts derived from `display`,
/// `ExternalId`s that must reference an existing External Source, the documented length and count
/// limits (in UTF-16 units), whitespace stripped around identifier values and source names, enrich with
/// `Upsert`, External Sources with unique names, and conversation links.
///
/// Where the definitions are silent the emulator assumes, and says so: a contact's `externalIds` are
/// identifiers it can be found by (as `identifiers` show them), so a retried enrich finds the contact
/// its first attempt made; and enrich merges provided fields over stored ones (`PreferProvided`)
/// except where a `fieldRules` rule says `PreferExisting`.
extension GenesysEmulatorBackend {
    private func badRequest(_ message: String) -> Response {
        self.error(.badRequest, code: "bad.request", message: message)
    }

    private func invalid(_ message: String) -> Response {
        self.error(.badRequest, code: "invalid.value", message: message)
    }

    private func contactNotFound() -> Response {
        self.error(.notFound, code: "not.found", message: "The requested contact was not found.")
    }

    /// The stored contact as Genesys returns it, with its claimed identifiers.
    private func render(_ contact: GenesysEmulatorState.StoredContact) -> JSONValue {
        var body = contact.body
        body["identifiers"] = .array(contact.claimed.map(\.json))
        return .object(body)
    }

    /// A `PhoneNumber` as stored: `e164`, `userInput` and `countryCode` are not user-writeable and are
    /// derived from `display`; without a usable `display` the number is gone.
    private static func storedPhone(_ value: JSONValue?) -> JSONValue? {
        guard let display = value?.objectValue?["display"]?.stringValue else { return nil }
        var digits = ""
        for character in display where character.isNumber { digits.append(character) }
        var phone: JSONObject = ["display": .string(display)]
        if display.hasPrefix("+"), (8...15).contains(digits.count) { phone["e164"] = .string("+" + digits) }
        return .object(phone)
    }

    /// The writable part of a contact body checked against the definition's limits, or the 400 to send.
    private func writable(_ input: JSONObject, state: GenesysEmulatorState) -> GenesysEmulatorCheck<JSONObject> {
        var body = input
        for readOnly in [
            "id", "identifiers", "selfUri", "createDate", "modifyDate", "externalDataSources", "mergeSet", "mergedFrom", "mergedTo", "mergeOperation",
            "canonicalContact",
        ] {
            body[readOnly] = nil
        }
        for field in ["firstName", "middleName", "lastName", "salutation", "title"] {
            if let text = body[field]?.stringValue, text.utf16.count > 1000 {
                return .failure(self.invalid("\(field) is longer than 1000 characters"))
            }
        }
        for field in ["workEmail", "personalEmail", "otherEmail"] {
            guard let email = body[field]?.stringValue else { continue }
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            guard email.utf16.count <= 256, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !email.contains(" ") else {
                return .failure(self.invalid("\(field) is not a valid email address of at most 256 characters"))
            }
        }
        for field in ["cellPhone", "workPhone", "homePhone", "otherPhone"] {
            if let display = body[field]?.objectValue?["display"]?.stringValue, display.utf16.count > 512 {
                return .failure(self.invalid("\(field).display is longer than 512 characters"))
            }
            body[field] = Self.storedPhone(body[field])
        }
        var externalIDs: [JSONValue] = []
        for item in body["externalIds"]?.arrayValue ?? [] {
            guard var externalID = item.objectValue, let raw = externalID["value"]?.stringValue else {
                return .failure(self.invalid("an ExternalId needs a value"))
            }
            let value = raw.trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty, value.utf16.count <= 255 else {
                return .failure(self.invalid("an ExternalId value must be 1-255 characters"))
            }
            externalID["value"] = .string(value)
            externalIDs.append(.object(externalID))
        }
        guard externalIDs.count <= 10 else { return .failure(self.invalid("externalIds has more than 10 ids")) }
        if !externalIDs.isEmpty { body["externalIds"] = .array(externalIDs) }
        for item in externalIDs {
            guard let source = item.objectValue?["externalSource"]?.objectValue?["id"]?.stringValue else {
                return .failure(self.invalid("an ExternalId must reference an External Source"))
            }
            guard state.externalSources[source] != nil else {
                return .failure(self.invalid("the External Source \(source) does not exist"))
            }
        }
        return .success(body)
    }

    /// A `ContactIdentifier` from a request, checked, or the 400 to send.
    private func identifier(_ object: JSONObject?, state: GenesysEmulatorState) -> GenesysEmulatorCheck<GenesysEmulatorState.Identifier> {
        guard let object, let type = object["type"]?.stringValue,
            let value = object["value"]?.stringValue?.trimmingCharacters(in: .whitespaces), !value.isEmpty
        else {
            return .failure(self.badRequest("an identifier needs type and value"))
        }
        guard value.utf16.count <= 255 else { return .failure(self.invalid("an identifier value is at most 255 characters")) }
        if type == "Phone", !value.hasPrefix("+") {
            return .failure(self.invalid("Phone identifiers must be E.164 with a leading +"))
        }
        let source = object["externalSource"]?.objectValue?["id"]?.stringValue
        if type == "ExternalId" {
            guard let source else { return .failure(self.invalid("an ExternalId identifier must reference an External Source")) }
            guard state.externalSources[source] != nil else { return .failure(self.invalid("the External Source \(source) does not exist")) }
        }
        return .success(GenesysEmulatorState.Identifier(type: type, value: value, sourceID: source))
    }

    /// Stores a new contact (state locked by the caller) and returns its id.
    private static func insert(_ body: JSONObject, into state: inout GenesysEmulatorState) -> String {
        var body = body
        let id = Self.newID()
        let now = Self.now()
        body["id"] = .string(id)
        body["createDate"] = .string(now)
        body["modifyDate"] = .string(now)
        body["type"] = "Curated"
        body["selfUri"] = .string("/api/v2/externalcontacts/contacts/\(id)")
        state.contacts[id] = GenesysEmulatorState.StoredContact(body: body, claimed: [], notes: [])
        state.contactOrder.append(id)
        for identifier in GenesysEmulatorState.identifiers(in: body) { _ = state.claim(identifier, for: id) }
        return id
    }

    /// Replaces a contact's writable fields (state locked by the caller).
    private static func replace(_ id: String, with body: JSONObject, in state: inout GenesysEmulatorState) {
        guard let existing = state.contacts[id] else { return }
        var body = body
        for kept in ["id", "createDate", "selfUri"] { body[kept] = existing.body[kept] }
        if body["type"] != "Curated" { body["type"] = existing.body["type"] }
        body["modifyDate"] = .string(Self.now())
        state.contacts[id]?.body = body
        for identifier in GenesysEmulatorState.identifiers(in: body) { _ = state.claim(identifier, for: id) }
    }

    /// `POST /api/v2/externalcontacts/contacts`: always creates; identifiers already claimed stay with
    /// their first owner (Genesys does not deduplicate creates, so clients must look up first).
    func createContact(_ request: Request) async throws -> Response {
        if case .failure(let response) = self.authorize(request) { return response }
        guard let input = Self.jsonObject(try await Self.body(request, limit: self.configuration.maximumRequestBodySize)) else {
            return self.malformed()
        }
        guard input["firstName"]?.stringValue != nil || input["lastName"]?.stringValue != nil else {
            return self.invalid("A contact needs a first or last name")
        }
        let outcome = self.state.withLock { state -> GenesysEmulatorCheck<JSONValue> in
            switch self.writable(input, state: state) {
            case .failure(let response): return .failure(response)
            case .success(let body):
                let id = Self.insert(body, into: &state)
                return .success(state.contacts[id].map { self.render($0) } ?? .null)
            }
        }
        switch outcome {
        case .failure(let response): return response
        case .success(let rendered): return self.reply(rendered)
        }
    }

    /// `GET /api/v2/externalcontacts/contacts/{contactId}`.
    func getContact(_ request: Request, id: String) -> Response {
        if case .failure(let response) = self.authorize(request) { return response }
        guard let contact = self.state.withLock({ $0.contacts[id] }) else { return self.contactNotFound() }
        return self.reply(self.render(contact))
    }

    /// `PUT /api/v2/externalcontacts/contacts/{contactId}`: replaces the writable fields; a phone sent
    /// without `display` is gone, whatever `e164` said.
    func updateContact(_ request: Request, id: String) async throws -> Response {
        if case .failure(let response) = self.authorize(request) { return response }
        guard let input = Self.jsonObject(try await Self.body(request, limit: self.configuration.maximumRequestBodySize)) else {
            return self.malformed()
        }
        let outcome = self.state.withLock { state -> GenesysEmulatorCheck<JSONValue>? in
            guard state.contacts[id] != nil else { return nil }
            switch self.writable(input, state: state) {
            case .failure(let response): return .failure(response)
            case .success(let body):
                Self.replace(id, with: body, in: &state)
                return .success(state.contacts[id].map { self.render($0) } ?? .null)
            }
        }
        switch outcome {
        case nil: return self.contactNotFound()
        case .failure(let response): return response
        case .success(let rendered): return self.reply(rendered)
        }
    }

    /// `POST /api/v2/externalcontacts/contacts/enrich`: `action` `Upsert` (update the first contact a
    /// matching identifier finds, else insert), `Insert`, `Update` or `Merge` (treated as `Upsert`);
    /// 1–25 `matchingIdentifiers`. Answers the contact.
    func enrichContact(_ request: Request) async throws -> Response {
        if case .failure(let response) = self.authorize(request) { return response }
        guard let input = Self.jsonObject(try await Self.body(request, limit: self.configuration.maximumRequestBodySize)),
            let contact = input["contact"]?.objectValue
        else {
            return self.badRequest("contact is required")
        }
        let action = input["action"]?.stringValue ?? "Upsert"
        guard ["Merge", "Upsert", "Update", "Insert"].contains(action) else {
            return self.invalid("action must be Merge, Upsert, Update or Insert")
        }
        let matching = input["matchingIdentifiers"]?.arrayValue ?? []
        guard (1...25).contains(matching.count) || (action == "Insert" && matching.isEmpty) else {
            return self.invalid("matchingIdentifiers must have between 1 and 25 identifiers")
        }
        let outcome = self.state.withLock { state -> GenesysEmulatorCheck<JSONValue> in
            var identifiers: [GenesysEmulatorState.Identifier] = []
            for item in matching {
                switch self.identifier(item.objectValue, state: state) {
                case .failure(let response): return .failure(response)
                case .success(let identifier): identifiers.append(identifier)
                }
            }
            let body: JSONObject
            switch self.writable(contact, state: state) {
            case .failure(let response): return .failure(response)
            case .success(let checked): body = checked
            }
            let owners = state.identifierOwners
            let found = action == "Insert" ? nil : identifiers.compactMap { owners[$0] }.first
            if let found, var merged = state.contacts[found]?.body {
                // Provided fields win unless a rule prefers what exists; externalIds grow, up to 10.
                let preferExisting = Set(
                    (input["fieldRules"]?.objectValue?["rules"]?.arrayValue ?? []).compactMap { rule -> String? in
                        guard rule.objectValue?["action"]?.stringValue == "PreferExisting" else { return nil }
                        return rule.objectValue?["field"]?.stringValue.map { $0.hasPrefix("$.") ? String($0.dropFirst(2)) : $0 }
                    }
                )
                var ids = merged["externalIds"]?.arrayValue ?? []
                for item in body["externalIds"]?.arrayValue ?? [] where !ids.contains(item) { ids.append(item) }
                guard ids.count <= 10 else { return .failure(self.invalid("externalIds would have more than 10 ids")) }
                for (key, value) in body where !(preferExisting.contains(key) && merged[key] != nil) { merged[key] = value }
                if !ids.isEmpty { merged["externalIds"] = .array(ids) }
                if input["options"]?.objectValue?["promote"]?.boolValue == true { merged["type"] = "Curated" }
                Self.replace(found, with: merged, in: &state)
                return .success(state.contacts[found].map { self.render($0) } ?? .null)
            }
            guard action != "Update" else { return .failure(self.contactNotFound()) }
            guard body["firstName"]?.stringValue != nil || body["lastName"]?.stringValue != nil else {
                return .failure(self.invalid("A contact needs a first or last name"))
            }
            let id = Self.insert(body, into: &state)
            return .success(state.contacts[id].map { self.render($0) } ?? .null)
        }
        switch outcome {
        case .failure(let response): return response
        case .success(let rendered): return self.reply(rendered)
        }
    }

    /// `PATCH /api/v2/externalcontacts/contacts/{contactId}/identifiers`: `Claim` or `Release`.
    func claimIdentifier(_ request: Request, id: String) async throws -> Response {
        if case .failure(let response) = self.authorize(request) { return response }
        guard let body = Self.jsonObject(try await Self.body(request, limit: 16 << 10)),
            let operation = body["operation"]?.stringValue
        else {
            return self.badRequest("operation and identifier{type,value} are required")
        }
        let outcome = self.state.withLock { state -> GenesysEmulatorCheck<JSONValue> in
            let identifier: GenesysEmulatorState.Identifier
            switch self.identifier(body["identifier"]?.objectValue, state: state) {
            case .failure(let response): return .failure(response)
            case .success(let checked): identifier = checked
            }
            guard state.contacts[id] != nil else { return .failure(self.contactNotFound()) }
            switch operation {
            case "Claim":
                guard state.claim(identifier, for: id) else {
                    return .failure(self.error(.conflict, code: "identifier.conflict", message: "The identifier is claimed by another contact"))
                }
            case "Release":
                if state.identifierOwners[identifier] == id { state.identifierOwners[identifier] = nil }
                state.contacts[id]?.claimed.removeAll { $0 == identifier }
            default:
                return .failure(self.badRequest("operation must be Claim or Release"))
            }
            return .success(identifier.json)
        }
        switch outcome {
        case .failure(let response): return response
        case .success(let rendered): return self.reply(rendered)
        }
    }

    /// `POST /api/v2/externalcontacts/identifierlookup/contacts`.
    func lookupContact(_ request: Request) async throws -> Response {
        if case .failure(let response) = self.authorize(request) { return response }
        guard let body = Self.jsonObject(try await Self.body(request, limit: 16 << 10)) else { return self.malformed() }
        let outcome = self.state.withLock { state -> GenesysEmulatorCheck<GenesysEmulatorState.StoredContact?> in
            switch self.identifier(body, state: state) {
            case .failure(let response): return .failure(response)
            case .success(let identifier): return .success(state.identifierOwners[identifier].flatMap { state.contacts[$0] })
            }
        }
        switch outcome {
        case .failure(let response): return response
        case .success(nil): return self.contactNotFound()
        case .success(let contact?): return self.reply(self.render(contact))
        }
    }

    /// `POST /api/v2/externalcontacts/contacts/{contactId}/notes`: `noteText` 1–32,000 characters.
    func createNote(_ request: Request, contactID: String) async throws -> Response {
        if case .failure(let response) = self.authorize(request) { return response }
        guard let body = Self.jsonObject(try await Self.body(request, limit: self.configuration.maximumRequestBodySize)),
            let text = body["noteText"]?.stringValue, !text.isEmpty
        else {
            return self.badRequest("noteText is required")
        }
        // Counted in UTF-16 units, as a Java back end counts.
        if text.utf16.count > self.configuration.maximumNoteLength {
            return self.invalid("noteText is longer than \(self.configuration.maximumNoteLength) characters")
        }
        if self.configuration.notesRequireAuthor, body["createdBy"]?.objectValue?["id"]?.stringValue == nil {
            return self.invalid("createdBy is required")
        }
        let id = Self.newID()
        var note: JSONObject = [
            "id": .string(id),
            "entityId": .string(contactID),
            "entityType": "contact",
            "noteText": .string(text),
            "createDate": .string(Self.now()),
            "modifyDate": .string(Self.now()),
            "selfUri": .string("/api/v2/externalcontacts/contacts/\(contactID)/notes/\(id)"),
        ]
        if let author = body["createdBy"]?.objectValue?["id"]?.stringValue { note["createdBy"] = ["id": .string(author)] }
        let stored = self.state.withLock { state -> Bool in
            guard state.contacts[contactID] != nil else { return false }
            state.contacts[contactID]?.notes.append(note)
            return true
        }
        guard stored else { return self.contactNotFound() }
        return self.reply(.object(note))
    }

    /// `GET /api/v2/externalcontacts/contacts/{contactId}/notes?pageSize&pageNumber&sortOrder`.
    func listNotes(_ request: Request, contactID: String) -> Response {
        if case .failure(let response) = self.authorize(request) { return response }
        let pageSize = request.uri.queryParameters.get("pageSize", as: Int.self) ?? 20
        let pageNumber = request.uri.queryParameters.get("pageNumber", as: Int.self) ?? 1
        guard (1...100).contains(pageSize), pageNumber >= 1, pageSize * pageNumber <= 1000 else {
            return self.badRequest("pageSize must be 1-100 and pageNumber * pageSize at most 1000")
        }
        guard var notes = self.state.withLock({ $0.contacts[contactID]?.notes }) else { return self.contactNotFound() }
        if request.uri.queryParameters.get("sortOrder") == "createDate:desc" { notes.reverse() }
        let start = (pageNumber - 1) * pageSize
        let page = start < notes.count ? Array(notes[start..<min(start + pageSize, notes.count)]) : []
        return self.reply([
            "entities": .array(page.map { .object($0) }),
            "pageSize": .number(Double(pageSize)),
            "pageNumber": .number(Double(pageNumber)),
            "total": .number(Double(notes.count)),
            "pageCount": .number(Double((notes.count + pageSize - 1) / pageSize)),
        ])
    }

    /// `GET /api/v2/externalcontacts/externalsources?name&limit&cursor&active`: a cursor listing; `name`
    /// filters by prefix, `limit` is 10–200 (default 100), as the definition documents.
    func listExternalSources(_ request: Request) -> Response {
        if case .failure(let response) = self.authorize(request) { return response }
        let name = request.uri.queryParameters.get("name")
        let limit = request.uri.queryParameters.get("limit", as: Int.self) ?? 100
        let active = request.uri.queryParameters.get("active").map { $0 == "true" }
        guard (10...200).contains(limit) else { return self.invalid("limit must be between 10 and 200") }
        let start = request.uri.queryParameters.get("cursor", as: Int.self) ?? 0
        let all = self.state.withLock { state in state.externalSourceOrder.compactMap { state.externalSources[$0] } }
        let matching = all.filter { source in
            (name.map { source["name"]?.stringValue?.hasPrefix($0) == true } ?? true) && (active == nil || source["active"]?.boolValue == active)
        }
        let page = Array(matching.dropFirst(start).prefix(limit))
        var body: JSONObject = [
            "entities": .array(page.map { .object($0) }),
            "selfUri": "/api/v2/externalcontacts/externalsources",
        ]
        if start + limit < matching.count { body["cursors"] = ["after": .string(String(start + limit))] }
        return self.reply(.object(body))
    }

    /// `POST /api/v2/externalcontacts/externalsources`: names unique, at most 200 characters.
    func createExternalSource(_ request: Request) async throws -> Response {
        if case .failure(let response) = self.authorize(request) { return response }
        guard let input = Self.jsonObject(try await Self.body(request, limit: 16 << 10)),
            let name = input["name"]?.stringValue?.trimmingCharacters(in: .whitespaces), !name.isEmpty
        else {
            return self.badRequest("name is required")
        }
        guard name.utf16.count <= 200 else { return self.invalid("name is longer than 200 characters") }
        let created = self.state.withLock { state -> JSONObject? in
            guard !state.externalSources.values.contains(where: { $0["name"]?.stringValue == name }) else { return nil }
            let id = Self.newID()
            let source: JSONObject = [
                "id": .string(id),
                "name": .string(name),
                "active": .bool(input["active"]?.boolValue ?? true),
                "selfUri": .string("/api/v2/externalcontacts/externalsources/\(id)"),
            ]
            state.externalSources[id] = source
            state.externalSourceOrder.append(id)
            return source
        }
        guard let created else {
            return self.error(.conflict, code: "conflict", message: "An External Source with this name exists")
        }
        return self.reply(.object(created))
    }

    /// `GET /api/v2/externalcontacts/externalsources/{externalSourceId}`.
    func getExternalSource(_ request: Request, id: String) -> Response {
        if case .failure(let response) = self.authorize(request) { return response }
        guard let source = self.state.withLock({ $0.externalSources[id] }) else {
            return self.error(.notFound, code: "not.found", message: "The requested External Source was not found.")
        }
        return self.reply(.object(source))
    }

    /// `PUT /api/v2/externalcontacts/conversations/{conversationId}`: links a contact (or, without
    /// `externalContactId`, unlinks); no response body.
    func associateConversation(_ request: Request, conversationID: String) async throws -> Response {
        if case .failure(let response) = self.authorize(request) { return response }
        guard let input = Self.jsonObject(try await Self.body(request, limit: 16 << 10)) else { return self.malformed() }
        if let media = input["mediaType"]?.stringValue,
            ![
                "CALL", "CALLBACK", "CHAT", "COBROWSE", "EMAIL", "MESSAGE", "INTERNAL_MESSAGE", "SCREEN_MONITORING", "SOCIAL_EXPRESSION", "VIDEO",
                "SCREENSHARE",
            ].contains(media)
        {
            return self.invalid("mediaType is not a known media type")
        }
        let found = self.state.withLock { state -> Bool in
            guard let contact = input["externalContactId"]?.stringValue else {
                state.contactLinks[conversationID] = nil
                return true
            }
            guard state.contacts[contact] != nil else { return false }
            state.contactLinks[conversationID] = contact
            return true
        }
        guard found else { return self.contactNotFound() }
        var headers = HTTPFields()
        if let name = Self.correlationHeader { headers[name] = Self.newID() }
        return Response(status: .accepted, headers: headers)
    }
}
