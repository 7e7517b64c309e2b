import AuthBridgeCore
import AuthBridgeGenesys
import AuthBridgeZendesk
import Logging

extension SessionBridge {
    /// Carries the customer's Zendesk identity, context and earlier conversation into a web messaging
    /// conversation: what the messaging-context data action runs, for the inbound message flow and for the
    /// `customer.start` trigger's workflow alike.
    ///
    /// It trusts only what the bridge verified itself: the session bound to `request.subject` when
    /// Messenger's code was issued. It reads the conversation (`GET /api/v2/conversations/messages/{id}`)
    /// and writes nothing unless the customer participant is authenticated and is that subject (its
    /// `fromAddress.addressDisplayable`, or the External Contact identity resolution linked). Then it
    /// writes the identity as participant attributes, upserts the External Contact and links it to the
    /// conversation, and answers. The earlier conversation is read after the answer (a data action times
    /// out in 1–60 s): its context is added to the attributes and its transcript to the contact's notes.
    ///
    /// Each conversation is written once: a ledger in the mapping store (Redis across replicas) holds a
    /// short claim while one call works and the outcome afterwards, so retries, replicas and the backstop
    /// get `alreadyWritten` or `inProgress`. A failure releases the claim, so a retry finishes the work;
    /// every Genesys write is idempotent and notes are not written twice.
    /// - Parameter request: What Genesys sent.
    /// - Returns: What was done; refusals that are answers (`notAuthenticated`, `unknownSubject`,
    ///   `mismatch`) are outcomes, not errors.
    /// - Throws: ``BridgeError`` (503) when Genesys or the stores fail; the claim is released.
    public func carryMessagingContext(_ request: MessagingContextRequest) async throws(BridgeError) -> MessagingContextOutcome {
        guard let genesys = self.genesys, let bindings = self.subjectBindings else {
            throw self.failure(.request, BridgeUnsupported.messagingContext, status: 400)
        }
        guard request.isAuthenticated else { return MessagingContextOutcome(status: .notAuthenticated) }
        let binding: SubjectBinding?
        do {
            binding = try await bindings.binding(ofSubject: request.subject)
        } catch {
            throw self.failure(.mappingStore, error, status: 503)
        }
        guard let binding, let session = binding.session else { return MessagingContextOutcome(status: .unknownSubject) }

        let ledger: ConversationLedger
        let owner: String
        do {
            ledger = try ConversationLedger(store: self.mappings, sealingKey: self.options.sealingKey, conversationID: request.conversationID)
            switch try await ledger.claim() {
            case .done(let record):
                // Written, but the earlier conversation was not carried (Zendesk failed): this call (a
                // retry, the backstop) carries it now, in the background again.
                if !record.historyCarried, let reference = binding.history, let participantID = record.participantID,
                    let contactID = record.externalContactID, let owner = try await ledger.reclaimHistory(from: record)
                {
                    let outcome = record.outcome
                    let conversationID = request.conversationID
                    Task {
                        var carried = outcome
                        carried.historyCarried = await self.carryHistory(
                            reference, session: session, conversationID: conversationID, participantID: participantID, contactID: contactID,
                            client: genesys.client)
                        await self.record(carried, ledger: ledger, owner: owner)
                    }
                }
                return record.outcome
            case .busy: return MessagingContextOutcome(status: .inProgress)
            case .claimed(let claimant): owner = claimant
            }
        } catch {
            throw self.failure(.mappingStore, error, status: 503)
        }

        let client = genesys.client
        var outcome = MessagingContextOutcome(status: .written, zendeskUserID: session.subject, email: session.email)
        do {
            let customer = try await client.messagingCustomer(conversationID: request.conversationID)
            guard customer.isAuthenticated else {
                await ledger.release()
                return MessagingContextOutcome(status: .notAuthenticated)
            }
            guard try await self.isSubject(session.subject, customer: customer, client: client) else {
                await ledger.release()
                self.noted(
                    .contextTransfer, BridgeUnsupported.subjectMismatch, "messaging context refused: the conversation's customer is another subject")
                return MessagingContextOutcome(status: .mismatch)
            }
            outcome.participantID = customer.participantID
            let attributes = try client.contextAttributes(session: session, context: nil)
            try await client.setParticipantAttributes(attributes, conversationID: request.conversationID, participantID: customer.participantID)
            let upsert = try await client.upsertContact(GenesysContactDetails(session: session, context: nil))
            try await client.linkContact(upsert.contact.id, toConversation: request.conversationID)
            outcome.externalContactID = upsert.contact.id
        } catch {
            await ledger.release()
            throw self.failure(.contextTransfer, error, status: 503)
        }

        guard let reference = binding.history else {
            outcome.historyCarried = true
            await self.record(outcome, ledger: ledger, owner: owner)
            return outcome
        }
        // The answer does not wait for Zendesk: the history is carried in the background, and the ledger
        // says when it is done.
        let written = outcome
        let conversationID = request.conversationID
        Task {
            var carried = written
            carried.historyCarried = await self.carryHistory(
                reference,
                session: session,
                conversationID: conversationID,
                participantID: written.participantID ?? "",
                contactID: written.externalContactID ?? "",
                client: client
            )
            await self.record(carried, ledger: ledger, owner: owner)
        }
        return written
    }

    /// Whether the conversation's customer is `subject`: its address says so, or identity resolution
    /// linked the External Contact whose `ExternalId` is the subject.
    private func isSubject(_ subject: String, customer: GenesysMessagingCustomer, client: GenesysCloudClient) async throws -> Bool {
        if customer.address == subject { return true }
        guard let resolved = customer.externalContactID else { return false }
        let ours = try await client.findContact(.externalID(subject))
        return ours?.id == resolved
    }

    /// Reads the earlier conversation and adds its context to the attributes and its transcript to the
    /// contact's notes; `true` when all of it is carried.
    private func carryHistory(
        _ reference: HistoryReference,
        session: VerifiedSession,
        conversationID: String,
        participantID: String,
        contactID: String,
        client: GenesysCloudClient
    ) async -> Bool {
        guard let history = await self.readHistory(reference, for: session) else { return false }
        do {
            let attributes = try client.contextAttributes(
                session: session,
                context: history.context,
                sourceConversationID: history.transcript.conversationID
            )
            try await client.setParticipantAttributes(attributes, conversationID: conversationID, participantID: participantID)
            if !history.transcript.messages.isEmpty {
                _ = try await client.appendTranscript(history.transcript, toContact: contactID)
            }
            return true
        } catch {
            self.degraded(.contextTransfer, error)
            return false
        }
    }

    private func record(_ outcome: MessagingContextOutcome, ledger: ConversationLedger, owner: String) async {
        do {
            try await ledger.complete(outcome, owner: owner, lifetime: self.options.mappingLifetime)
        } catch {
            self.degraded(.mappingStore, error)
        }
    }
}
