internal import AuthBridgeJWT
internal import NIOHTTP1
internal import AuthBridgeCore

extension GenesysCloudClient {
    /// Looks an External Contact up by one identifier (`POST /api/v2/externalcontacts/identifierlookup/contacts`).
    /// - Parameter identifier: The identifier.
    /// - Returns: The contact, or `nil` when none has it (404).
    /// - Throws: ``GenesysError`` or `CancellationError`.
    public func findContact(_ identifier: GenesysContactIdentifier) async throws -> GenesysExternalContact? {
        let request = GenesysRequest(
            .POST,
            "/api/v2/externalcontacts/identifierlookup/contacts",
            json: identifier.json,
            isIdempotent: true
        )
        do {
            let response = try await self.transport.send(request)
            return try Self.contact(from: response)
        } catch let error as GenesysError where error.code == .notFound {
            return nil
        }
    }

    /// The first contact found by any of `identifiers`, tried in order.
    /// - Parameter identifiers: The identifiers, strongest first.
    /// - Returns: The contact, or `nil`.
    /// - Throws: ``GenesysError`` or `CancellationError`.
    public func findContact(matchingAnyOf identifiers: [GenesysContactIdentifier]) async throws -> GenesysExternalContact? {
        for identifier in identifiers {
            if let contact = try await self.findContact(identifier) { return contact }
        }
        return nil
    }

    /// Creates or updates the customer's External Contact, idempotently.
    ///
    /// Looks the contact up by ExternalId, then Email, then Phone. Found: updates its names, email and
    /// phone with `PUT` (keeping every other field) and claims the ExternalId if the contact lacked it.
    /// Not found: creates it with the ExternalId in `externalIds`. A create is not retried blindly: after
    /// an ambiguous failure (timeout, 5xx) the lookup runs again first, so a create that did land is found
    /// instead of duplicated; upserts of the same external id through one client run one at a time.
    /// - Parameter details: What to write.
    /// - Returns: The contact and whether it was created.
    /// - Throws: ``GenesysError`` or `CancellationError`.
    public func upsertContact(_ details: GenesysContactDetails) async throws -> GenesysContactUpsert {
        guard !details.externalID.isEmpty else { throw GenesysError.invalidInput("an upsert needs an external id") }
        await self.contactLocks.acquire(details.externalID)
        do {
            let result = try await self.upsertLocked(details)
            await self.contactLocks.release(details.externalID)
            return result
        } catch {
            await self.contactLocks.release(details.externalID)
            throw error
        }
    }

    private func upsertLocked(_ details: GenesysContactDetails) async throws -> GenesysContactUpsert {
        var attempt = 1
        while true {
            if let existing = try await self.findContact(matchingAnyOf: details.identifiers) {
                return GenesysContactUpsert(contact: try await self.update(existing, with: details), wasCreated: false)
            }
            do {
                return GenesysContactUpsert(contact: try await self.create(details), wasCreated: true)
            } catch let error as GenesysError {
                // Did the create land before the failure? The next lookup answers that.
                guard error.kind == .transient,
                    let delay = self.configuration.http.retry.settleDelay(
                        afterAttempt: attempt,
                        error: error,
                        random: Double.random(in: 0..<1),
                        requestTimeout: self.configuration.http.requestTimeout
                    )
                else { throw error }
                try await Task.sleep(for: delay)
                attempt += 1
            }
        }
    }

    private func create(_ details: GenesysContactDetails) async throws -> GenesysExternalContact {
        var body = JSONObject()
        Self.write(details, into: &body)
        var externalID: JSONObject = ["value": .string(details.externalID)]
        if let source = self.configuration.externalSourceID { externalID["externalSource"] = ["id": .string(source)] }
        body["externalIds"] = [.object(externalID)]
        let request = GenesysRequest(.POST, "/api/v2/externalcontacts/contacts", json: .object(body), isIdempotent: false)
        return try Self.contact(from: try await self.transport.send(request))
    }

    private func update(
        _ existing: GenesysExternalContact,
        with details: GenesysContactDetails
    ) async throws -> GenesysExternalContact {
        var body = existing.raw
        // Read-only members go back out of the update.
        for name in ["identifiers", "selfUri", "mergeSet", "canonicalContact", "mergeOperation", "externalDataSources"] {
            body[name] = nil
        }
        Self.write(details, into: &body)
        let path = "/api/v2/externalcontacts/contacts/\(PathSegment.escaped(existing.id))"
        let put = GenesysRequest(.PUT, path, json: .object(body), isIdempotent: true)
        let updated = try Self.contact(from: try await self.transport.send(put))
        guard !updated.externalIDs.contains(details.externalID) else { return updated }
        var identifier = GenesysContactIdentifier.externalID(details.externalID).json.objectValue ?? JSONObject()
        if let source = self.configuration.externalSourceID { identifier["externalSource"] = ["id": .string(source)] }
        let claim = GenesysRequest(
            .PATCH,
            path + "/identifiers",
            json: ["operation": "Claim", "identifier": .object(identifier)],
            isIdempotent: true
        )
        _ = try await self.transport.send(claim)
        return try await self.findContact(.externalID(details.externalID)) ?? updated
    }

    /// Writes names, email and phone, keeping what the contact has when the details say nothing.
    private static func write(_ details: GenesysContactDetails, into body: inout JSONObject) {
        if let first = details.firstName { body["firstName"] = .string(first) }
        if let last = details.lastName { body["lastName"] = .string(last) }
        if body["firstName"] == nil, body["lastName"] == nil { body["lastName"] = .string(details.externalID) }
        if let email = details.email { body["personalEmail"] = .string(email) }
        if let phone = details.phone.flatMap({ E164.normalized($0) }) { body["cellPhone"] = ["e164": .string(phone)] }
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
