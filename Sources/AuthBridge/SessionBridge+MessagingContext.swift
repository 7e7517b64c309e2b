import AuthBridgeCore
import AuthBridgeGenesys
import AuthBridgeZendesk
import Foundation
import Logging
import Tracing

extension SessionBridge {
    /// Carries the customer's Zendesk identity, context and earlier conversation into a web messaging
    /// conversation: what the messaging-context data action runs, for the inbound message flow and for the
    /// `customer.start` trigger's workflow alike.
    ///
    /// It trusts only what the bridge verified itself: the session bound to `request.subject` when
    /// Messenger's code was issued. It reads the conversation (`GET /api/v2/conversations/messages/{id}`)
    /// and writes nothing unless the customer participant is authenticated and is that subject (its
    /// `fromAddress.addressDisplayable`; only without one, the External Contact identity resolution
    /// linked), and, when the caller names a participant, it is that customer. Then it
    /// writes the identity as participant attributes, upserts the External Contact and links it to the
    /// conversation, and answers. The earlier conversation is read after the answer (a data action times
    /// out in 1–60 s): its context is added to the attributes and its transcript to the contact's notes.
    ///
    /// Each conversation is written once: a sealed ledger record in the mapping store (Redis across
    /// replicas), changed only by compare-and-swap, holds a short claim while one call writes, then the
    /// outcome, so retries, replicas and the backstop get `alreadyWritten` (only for the subject it was
    /// written for; another gets `mismatch`) or `inProgress`. A failure releases the claim, so a retry
    /// finishes the work; a history that failed is carried by the next call; every Genesys write is
    /// idempotent and notes are not written twice.
    /// - Parameter request: What Genesys sent.
    /// - Returns: What was done; refusals that are answers (`notAuthenticated`, `unknownSubject`,
    ///   `mismatch`, `unknownConversation`) are outcomes, not errors.
    /// - Throws: ``BridgeError``: 400 when the bridge has no Genesys target or subject bindings; 503 when
    ///   Genesys or the stores fail, the claim released.
    public func carryMessagingContext(_ request: MessagingContextRequest) async throws(BridgeError) -> MessagingContextOutcome {
        try await self.traced("messagingContext") { span throws(BridgeError) in
            let outcome = try await self.carry(request)
            span.attributes["authbridge.outcome"] = outcome.status.description
            return outcome
        }
    }

    private func carry(_ request: MessagingContextRequest) async throws(BridgeError) -> MessagingContextOutcome {
        // From the call's start: the stores' work counts against Genesys's data action timeout too.
        let deadline = ContinuousClock.now + self.options.messagingContextDeadline
        guard let genesys = self.genesys, let bindings = self.subjectBindings else {
            throw self.failure(.request, BridgeUnsupported.messagingContext, status: 400, message: "messaging context refused")
        }
        guard request.isAuthenticated else { return MessagingContextOutcome(status: .notAuthenticated) }
        let ledger: ConversationLedger
        let entry: ConversationLedger.Entry
        let binding: SubjectBinding?
        do {
            ledger = try ConversationLedger(store: self.mappings, sealingKey: self.options.sealingKey, conversationID: request.conversationID)
            // The ledger first: a written conversation is answered even after its customer signed out,
            // but only to the subject it was written for.
            entry = try await ledger.look()
            if case .written(let record, _) = entry, record.subjectDigest != (try ledger.subjectDigest(request.subject)) {
                return MessagingContextOutcome(status: .mismatch)
            }
            binding = try await bindings.binding(ofSubject: request.subject)
        } catch {
            throw self.failure(.mappingStore, error, status: 503, message: "messaging context refused")
        }
        switch entry {
        case .pending:
            return MessagingContextOutcome(status: .inProgress)
        case .written(let record, let stored):
            // Written, but the history is not carried and its lease ran out (Zendesk failed, or the
            // replica carrying it died): this call takes the lease and carries it, in the background.
            if !record.historyCarried, (record.leaseUntil ?? 0) < Date().timeIntervalSince1970, let binding, let session = binding.session,
                binding.history != nil || self.history.canFind
            {
                self.carryHistoryInBackground(
                    binding.history, session: session, outcome: record.outcome, conversationID: request.conversationID, ledger: ledger,
                    replacing: stored, client: genesys.client)
            }
            return record.outcome
        case .absent:
            break
        }
        guard let binding, let session = binding.session else { return MessagingContextOutcome(status: .unknownSubject) }

        let claim: [UInt8]
        do {
            guard let won = try await ledger.claim(subject: session.subject) else { return MessagingContextOutcome(status: .inProgress) }
            claim = won
        } catch {
            throw self.failure(.mappingStore, error, status: 503, message: "messaging context refused")
        }
        let client = genesys.client
        var outcome = MessagingContextOutcome(
            status: .written,
            zendeskUserID: session.subject,
            zendeskTicketID: session.context["ticket_id"]?.stringValue,
            email: session.email
        )
        let refusal = try await self.traced("transferContext") { _ throws(BridgeError) -> MessagingContextOutcome? in
            // Genesys's transient failures (429, 5xx, a stalled answer) are retried until the deadline, so
            // a burst shorter than it costs a delay, not a 503. The reads and the attribute PATCH may be
            // cut off (a stalled read leaves time for a retry); the upsert, a POST Genesys may still be
            // applying, never is, so a retry cannot race it. Repeating an attempt writes nothing twice.
            var attempt = 1
            while true {
                do {
                    let checked = try await Self.withCutoff(Self.cutoff(before: deadline, attempt: attempt)) {
                        try await self.checkConversation(request, session: session, client: client)
                    }
                    switch checked {
                    case .refused(let refusal):
                        await ledger.release(claim)
                        return refusal
                    case .customer(let participantID):
                        let upsert = try await client.upsertContact(GenesysContactDetails(session: session, context: nil))
                        try await client.linkContact(upsert.contact.id, toConversation: request.conversationID)
                        outcome.participantID = participantID
                        outcome.externalContactID = upsert.contact.id
                        return nil
                    }
                } catch {
                    if let delay = Self.retryDelay(after: error, attempt: attempt), ContinuousClock.now + delay < deadline {
                        self.logger.debug(
                            "messaging context: Genesys failed transiently, will retry",
                            metadata: ["authbridge.attempt": "\(attempt)", "authbridge.retry_in_ms": "\(delay.saturatingNanoseconds / 1_000_000)"]
                        )
                        do {
                            try await Task.sleep(for: delay)
                        } catch {
                            // The caller went away: free the conversation for the next call.
                            await ledger.release(claim)
                            throw self.failure(.contextTransfer, error, status: 503, message: "messaging context refused")
                        }
                        attempt += 1
                        continue
                    }
                    await ledger.release(claim)
                    throw self.failure(.contextTransfer, error, status: 503, message: "messaging context refused")
                }
            }
        }
        if let refusal { return refusal }

        outcome.historyCarried = binding.history == nil && !self.history.canFind
        let written: [UInt8]?
        do {
            written = try await ledger.record(
                outcome, subject: session.subject, replacing: claim, done: outcome.historyCarried, lifetime: self.options.mappingLifetime)
        } catch {
            self.degraded(.mappingStore, error)
            written = nil
        }
        // The answer does not wait for Zendesk: the history is carried in the background under the lease.
        if !outcome.historyCarried, let written {
            self.carryHistoryInBackground(
                binding.history, session: session, outcome: outcome, conversationID: request.conversationID, ledger: ledger, replacing: written,
                client: client)
        }
        return outcome
    }

    /// What the reads found: a refusal that is an answer, or the subject's customer participant.
    private enum ConversationCheck: Sendable {
        case refused(MessagingContextOutcome)
        case customer(participantID: String)
    }

    /// Reads the conversation, checks that its customer is the subject, and writes the identity as
    /// participant attributes. Idempotent, and safe to cut off.
    private func checkConversation(
        _ request: MessagingContextRequest,
        session: VerifiedSession,
        client: GenesysCloudClient
    ) async throws -> ConversationCheck {
        let customer: GenesysMessagingCustomer
        do {
            customer = try await client.messagingCustomer(conversationID: request.conversationID)
        } catch let error as GenesysError where error.code == .notFound {
            // The caller's id names no conversation: an answer, not a Genesys failure to retry.
            self.noted(.contextTransfer, error, "messaging context refused: Genesys has no such conversation")
            return .refused(MessagingContextOutcome(status: .unknownConversation))
        }
        guard customer.isAuthenticated else { return .refused(MessagingContextOutcome(status: .notAuthenticated)) }
        let named = request.participantID.map { $0 == customer.participantID } ?? true
        guard named, try await self.isSubject(session.subject, customer: customer, client: client) else {
            self.noted(
                .contextTransfer, BridgeUnsupported.subjectMismatch,
                "messaging context refused: the conversation's customer is another subject")
            return .refused(MessagingContextOutcome(status: .mismatch))
        }
        let attributes = try client.contextAttributes(session: session, context: nil)
        try await client.setParticipantAttributes(attributes, conversationID: request.conversationID, participantID: customer.participantID)
        return .customer(participantID: customer.participantID)
    }

    /// The wait before retrying the Genesys step after `error`, or `nil` when it is not transient. Each
    /// request already had its own retries; this spaces whole attempts, honouring `Retry-After`.
    static func retryDelay(after error: any Error, attempt: Int) -> Duration? {
        let retryAfter: Duration?
        switch error {
        case let error as GenesysError where error.kind == .transient:
            retryAfter = error.retryAfter
        case is MessagingContextAttemptTimeout:
            retryAfter = nil
        default:
            return nil
        }
        let backoff = RetryPolicy(initialBackoff: .milliseconds(250), maximumBackoff: .seconds(2)).backoff(
            afterAttempt: attempt, random: .random(in: 0..<1))
        return max(backoff, retryAfter ?? .zero)
    }

    /// The time left for attempt `attempt` before `deadline`: all of it but a retry's share on the first
    /// attempt (so a stalled read leaves time for a retry), all of it after that.
    static func cutoff(before deadline: ContinuousClock.Instant, attempt: Int) -> Duration {
        let left = deadline - ContinuousClock.now
        guard attempt == 1 else { return left }
        return max(left - Self.retryShare, left / 2)
    }

    /// What the first attempt leaves for a retry: the few reads and writes of a whole attempt.
    static let retryShare: Duration = .seconds(2)

    /// Runs `body`, cancelled (its HTTP requests with it) after `cutoff`.
    static func withCutoff<T: Sendable>(_ cutoff: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        guard cutoff > .zero else { throw MessagingContextAttemptTimeout() }
        return try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: cutoff)
                throw MessagingContextAttemptTimeout()
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw MessagingContextAttemptTimeout() }
            return first
        }
    }

    /// Takes the history lease (a compare-and-swap on the record last seen, so one caller carries it) and
    /// carries the earlier conversation; the ledger says `done` afterwards, or keeps `written` for a later
    /// call when Zendesk or Genesys failed.
    private func carryHistoryInBackground(
        _ reference: HistoryReference?,
        session: VerifiedSession,
        outcome: MessagingContextOutcome,
        conversationID: String,
        ledger: ConversationLedger,
        replacing stored: [UInt8],
        client: GenesysCloudClient
    ) {
        Task {
            // A few at a time: a burst of first messages must not time out in the HTTP pool.
            var leased = outcome
            leased.status = .written
            guard await self.historyCarries.acquire() else {
                // The lease the written record holds is given back, so the next call carries it at once.
                _ = try? await ledger.record(
                    leased, subject: session.subject, replacing: stored, done: false, leased: false, lifetime: self.options.mappingLifetime)
                self.logger.notice("history carry deferred: too many waiting; the next call for the conversation carries it")
                return
            }
            defer { self.historyCarries.release() }
            guard
                let lease = try? await ledger.record(
                    leased, subject: session.subject, replacing: stored, done: false, lifetime: self.options.mappingLifetime)
            else { return }
            var carried = leased
            carried.historyCarried = await self.carryHistory(
                reference,
                session: session,
                conversationID: conversationID,
                participantID: outcome.participantID ?? "",
                contactID: outcome.externalContactID ?? "",
                client: client,
                ticket: &carried.zendeskTicketID
            )
            guard carried.historyCarried else {
                // Failed: the lease is given back at once, so the next call (a retry, the backstop) carries it.
                _ = try? await ledger.record(
                    leased, subject: session.subject, replacing: lease, done: false, leased: false, lifetime: self.options.mappingLifetime)
                return
            }
            do {
                _ = try await ledger.record(carried, subject: session.subject, replacing: lease, done: true, lifetime: self.options.mappingLifetime)
            } catch {
                self.degraded(.mappingStore, error)
            }
        }
    }

    /// Whether the conversation's customer is `subject`: its address says so, or identity resolution
    /// linked the External Contact whose `ExternalId` is the subject.
    private func isSubject(_ subject: String, customer: GenesysMessagingCustomer, client: GenesysCloudClient) async throws -> Bool {
        if let address = customer.address, !address.isEmpty { return address == subject }
        // Only without an address: the contact identity resolution linked must be the subject's own.
        guard let resolved = customer.externalContactID else { return false }
        let ours = try await client.findContact(.externalID(subject))
        return ours?.id == resolved
    }

    /// Reads the earlier conversation and adds its context to the attributes and its transcript to the
    /// contact's notes; `true` when all of it is carried.
    private func carryHistory(
        _ reference: HistoryReference?,
        session: VerifiedSession,
        conversationID: String,
        participantID: String,
        contactID: String,
        client: GenesysCloudClient,
        ticket: inout String?
    ) async -> Bool {
        await self.traced("carryHistory") { span in
            let carried = await self.carryEarlierConversations(
                reference, session: session, conversationID: conversationID, participantID: participantID, contactID: contactID, client: client,
                span: span, ticket: &ticket)
            span.attributes["authbridge.history.carried"] = carried
            return carried
        }
    }

    private func carryEarlierConversations(
        _ reference: HistoryReference?,
        session: VerifiedSession,
        conversationID: String,
        participantID: String,
        contactID: String,
        client: GenesysCloudClient,
        span: any Span,
        ticket: inout String?
    ) async -> Bool {
        let (histories, incomplete) = await self.readHistory(reference, for: session)
        // Nothing found, and nothing failed: there is nothing to carry, and a later call need not look.
        guard let newest = histories.first else { return !incomplete }
        ticket = newest.context.ticket?.id ?? newest.context.ticketID ?? ticket
        do {
            let attributes = try client.contextAttributes(
                session: session,
                context: newest.context,
                sourceConversationID: newest.transcript.conversationID
            )
            try await client.setParticipantAttributes(attributes, conversationID: conversationID, participantID: participantID)
            // Oldest first, so the contact's notes read in order.
            for transcript in histories.reversed().map(\.transcript) where !transcript.messages.isEmpty {
                // Another conversation of the customer may be writing the same transcript to the same contact.
                let lease = try TranscriptNotesLease(
                    store: self.mappings, sealingKey: self.options.sealingKey, contactID: contactID, transcript: transcript)
                _ = try await lease.withLease { try await client.appendTranscript(transcript, toContact: contactID) }
            }
            // A source that failed is tried again by a later call; notes already stored are skipped then.
            return !incomplete
        } catch {
            span.recordFailure(error)
            self.degraded(.contextTransfer, error)
            return false
        }
    }
}
