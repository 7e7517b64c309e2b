internal import AuthBridgeJWT
import Foundation
internal import Hummingbird
import Synchronization

extension GenesysEmulatorBackend {
    private func badRequest(_ message: String) -> Response {
        self.error(.badRequest, code: "bad.request", message: message)
    }

    private func contactNotFound() -> Response {
        self.error(.notFound, code: "not.found", message: "The requested contact was not found.")
    }

    /// The stored contact as Genesys returns it, with its claimed identifiers.
    private func render(_ contact: GenesysEmulatorState.StoredContact) -> JSONValue {
        var body = contact.body
        body["identifiers"] = .array(contact.claimed.map { identifier in
            let parts = identifier.split(separator: ":", maxSplits: 1)
            return ["type": .string(String(parts[0])), "value": .string(parts.count > 1 ? String(parts[1]) : "")]
        })
        return .object(body)
    }

    /// `POST /api/v2/externalcontacts/contacts`: always creates; identifiers already claimed stay with
    /// their first owner (Genesys does not deduplicate creates, so clients must look up first).
    func createContact(_ request: Request) async throws -> Response {
        if case .failure(let response) = self.authorize(request) { return response }
        guard var body = Self.jsonObject(try await Self.body(request, limit: self.configuration.maximumRequestBodySize)) else {
            return self.malformed()
        }
        guard body["firstName"]?.stringValue != nil || body["lastName"]?.stringValue != nil else {
            return self.error(.badRequest, code: "invalid.value", message: "A contact needs a first or last name")
        }
        let id = Self.newID()
        let now = Self.now()
        body["id"] = .string(id)
        body["createDate"] = .string(now)
        body["modifyDate"] = .string(now)
        body["type"] = "Curated"
        body["selfUri"] = .string("/api/v2/externalcontacts/contacts/\(id)")
        let rendered = self.state.withLock { state -> JSONValue in
            state.contacts[id] = GenesysEmulatorState.StoredContact(body: body, claimed: [], notes: [])
            state.contactOrder.append(id)
            for identifier in GenesysEmulatorState.identifiers(in: body) { _ = state.claim(identifier, for: id) }
            return self.render(state.contacts[id] ?? GenesysEmulatorState.StoredContact(body: body, claimed: [], notes: []))
        }
        return self.reply(rendered)
    }

    /// `GET /api/v2/externalcontacts/contacts/{contactId}`.
    func getContact(_ request: Request, id: String) -> Response {
        if case .failure(let response) = self.authorize(request) { return response }
        guard let contact = self.state.withLock({ $0.contacts[id] }) else { return self.contactNotFound() }
        return self.reply(self.render(contact))
    }

    /// `PUT /api/v2/externalcontacts/contacts/{contactId}`: replaces the writable fields.
    func updateContact(_ request: Request, id: String) async throws -> Response {
        if case .failure(let response) = self.authorize(request) { return response }
        guard var body = Self.jsonObject(try await Self.body(request, limit: self.configuration.maximumRequestBodySize)) else {
            return self.malformed()
        }
        let rendered = self.state.withLock { state -> JSONValue? in
            guard let existing = state.contacts[id] else { return nil }
            body["id"] = .string(id)
            body["createDate"] = existing.body["createDate"]
            body["modifyDate"] = .string(Self.now())
            body["type"] = existing.body["type"]
            body["selfUri"] = existing.body["selfUri"]
            body["identifiers"] = nil
            state.contacts[id]?.body = body
            for identifier in GenesysEmulatorState.identifiers(in: body) { _ = state.claim(identifier, for: id) }
            return state.contacts[id].map { self.render($0) }
        }
        guard let rendered else { return self.contactNotFound() }
        return self.reply(rendered)
    }

    /// `PATCH /api/v2/externalcontacts/contacts/{contactId}/identifiers`: `Claim` or `Release`.
    func claimIdentifier(_ request: Request, id: String) async throws -> Response {
        if case .failure(let response) = self.authorize(request) { return response }
        guard let body = Self.jsonObject(try await Self.body(request, limit: 16 << 10)),
            let operation = body["operation"]?.stringValue, let identifier = body["identifier"]?.objectValue,
            let type = identifier["type"]?.stringValue, let value = identifier["value"]?.stringValue
        else {
            return self.badRequest("operation and identifier{type,value} are required")
        }
        let key = type + ":" + (type == "Email" ? value.lowercased() : value)
        let outcome = self.state.withLock { state -> Int in
            guard state.contacts[id] != nil else { return 404 }
            switch operation {
            case "Claim": return state.claim(key, for: id) ? 200 : 409
            case "Release":
                if state.identifierOwners[key] == id { state.identifierOwners[key] = nil }
                state.contacts[id]?.claimed.removeAll { $0 == key }
                return 200
            default: return 400
            }
        }
        switch outcome {
        case 404: return self.contactNotFound()
        case 409: return self.error(.conflict, code: "identifier.conflict", message: "The identifier is claimed by another contact")
        case 400: return self.badRequest("operation must be Claim or Release")
        default: return self.reply(["type": .string(type), "value": .string(value)])
        }
    }

    /// `POST /api/v2/externalcontacts/identifierlookup/contacts`.
    func lookupContact(_ request: Request) async throws -> Response {
        if case .failure(let response) = self.authorize(request) { return response }
        guard let body = Self.jsonObject(try await Self.body(request, limit: 16 << 10)),
            let type = body["type"]?.stringValue, let value = body["value"]?.stringValue
        else {
            return self.badRequest("type and value are required")
        }
        if type == "Phone", !value.hasPrefix("+") {
            return self.error(.badRequest, code: "invalid.value", message: "Phone identifiers must be E.164 with a leading +")
        }
        let key = type + ":" + (type == "Email" ? value.lowercased() : value)
        let contact = self.state.withLock { state in state.identifierOwners[key].flatMap { state.contacts[$0] } }
        guard let contact else { return self.contactNotFound() }
        return self.reply(self.render(contact))
    }

    /// `POST /api/v2/externalcontacts/contacts/{contactId}/notes`.
    func createNote(_ request: Request, contactID: String) async throws -> Response {
        if case .failure(let response) = self.authorize(request) { return response }
        guard let body = Self.jsonObject(try await Self.body(request, limit: self.configuration.maximumRequestBodySize)),
            let text = body["noteText"]?.stringValue, !text.isEmpty
        else {
            return self.badRequest("noteText is required")
        }
        if let maximum = self.configuration.maximumNoteLength, text.count > maximum {
            return self.error(.badRequest, code: "invalid.value", message: "noteText is longer than \(maximum) characters")
        }
        let id = Self.newID()
        let note: JSONObject = [
            "id": .string(id),
            "entityId": .string(contactID),
            "entityType": "contact",
            "noteText": .string(text),
            "createDate": .string(Self.now()),
            "modifyDate": .string(Self.now()),
            "selfUri": .string("/api/v2/externalcontacts/contacts/\(contactID)/notes/\(id)"),
        ]
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
}
