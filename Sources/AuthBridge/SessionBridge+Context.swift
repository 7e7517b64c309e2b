import AuthBridgeCore
import AuthBridgeGenesys
import AuthBridgeZendesk
import Foundation
import Logging
import Tracing

extension SessionBridge {
    /// The customer's earlier Zendesk conversations, newest first: those the readers find from the
    /// verified identity (Messaging by external id or verified email, Chat by verified email), within
    /// ``HistoryWindow``, plus the one the page named when it is this customer's (a Chat whose visitor has
    /// the verified email, a Messaging conversation the identity's user wrote in). An OAuth session's
    /// external id comes from its Support user. Failures are logged and leave out what failed
    /// (`incomplete` then says a later try may find more); an email that is not verified is never searched
    /// by.
    func readHistory(_ reference: HistoryReference?, for session: VerifiedSession) async -> (found: [ZendeskHistory], incomplete: Bool) {
        await self.traced("readHistory") { span in
            let read = await self.findHistory(reference, for: session)
            span.attributes["authbridge.history.conversations"] = read.found.count
            span.attributes["authbridge.history.incomplete"] = read.incomplete
            return read
        }
    }

    private func findHistory(_ reference: HistoryReference?, for session: VerifiedSession) async -> (found: [ZendeskHistory], incomplete: Bool) {
        var found: [ZendeskHistory] = []
        var incomplete = false
        let window = self.history.window
        let count = window.maximumConversations
        let since = Date().timeIntervalSince1970 - Double(window.maximumAge.components.seconds)
        let email = session.isEmailVerified ? session.email : nil
        var externalID = Self.externalID(of: session)
        var zendeskUserID: String?
        if session.credentialKind == .oauthToken, session.subject.hasPrefix(Self.zendeskUserPrefix) {
            zendeskUserID = String(session.subject.dropFirst(Self.zendeskUserPrefix.count))
        }
        // An OAuth token names only the Zendesk user: Support says who that is.
        if let id = zendeskUserID, let lookUp = self.history.supportUser {
            do {
                // Only the external id: Zendesk's user-level `verified` says some identity is verified, not
                // that this email is, so the email finds nothing and proves nothing.
                if let user = try await lookUp(id, self.logger) { externalID = user.externalID }
            } catch {
                incomplete = incomplete || Self.isTransient(error)
                self.degraded(.zendeskHistoryRead, error)
            }
        }
        if let reference {
            switch await self.readHinted(reference, for: session, externalID: externalID, email: email, zendeskUserID: zendeskUserID) {
            case .success(let hinted): found.append(hinted)
            case .failure(let error): incomplete = incomplete || Self.isTransient(error)
            }
        }
        if count > 0, let find = self.history.recentConversations, externalID != nil || email != nil {
            do {
                found += try await find(externalID, email, count, since, self.logger)
            } catch {
                incomplete = incomplete || Self.isTransient(error)
                self.degraded(.zendeskHistoryRead, error)
            }
        }
        if count > 0, let find = self.history.recentChats, let email {
            do {
                found += try await find(email, count, since, self.logger)
            } catch {
                incomplete = incomplete || Self.isTransient(error)
                self.degraded(.zendeskHistoryRead, error)
            }
        }
        // The hint may be among those found: each conversation once, the newest first.
        var seen: Set<String> = []
        let unique = found.filter { seen.insert("\($0.transcript.source)/\($0.transcript.conversationID)").inserted }
        var sorted = unique.sorted { Self.lastActivity($0) > Self.lastActivity($1) }
        // The ticket behind the newest conversation: context for the agent, never a reason to fail.
        if let read = self.history.ticket, let newest = sorted.first {
            do {
                sorted[0].context.ticket = try await read(newest.context, self.logger)
            } catch {
                self.degraded(.zendeskHistoryRead, error)
            }
        }
        return (sorted, incomplete)
    }

    /// Whether a later try may succeed: Zendesk's transient answers, a token that could not be fetched,
    /// a cancelled read. A missing or foreign conversation never becomes the customer's by retrying.
    static func isTransient(_ error: any Error) -> Bool {
        if let error = error as? any TokenProviderError { return error.failureKind == .transient }
        return error is AuthBridgeError || error is CancellationError
    }

    private func readHinted(
        _ reference: HistoryReference,
        for session: VerifiedSession,
        externalID: String?,
        email: String?,
        zendeskUserID: String?
    ) async -> Result<ZendeskHistory, any Error> {
        do {
            let history: ZendeskHistory
            switch reference {
            case .zendeskChat(let chatID):
                guard let read = self.history.zendeskChat else { throw BridgeUnsupported.history("Zendesk Chat") }
                history = try await read(chatID, self.logger)
                guard Self.belongs(history.context, externalID: externalID, verifiedEmail: email) else {
                    throw BridgeUnsupported.foreignHistory
                }
            case .sunshineConversation(let conversationID, _):
                // The page's user id is never used: the conversation must have been written by the user the
                // verified identity finds.
                guard let read = self.history.sunshine else { throw BridgeUnsupported.history("Sunshine Conversations") }
                guard let owned = try await read(conversationID, externalID, email, zendeskUserID, self.logger) else {
                    throw BridgeUnsupported.foreignHistory
                }
                history = owned
            }
            return .success(history)
        } catch {
            self.degraded(.zendeskHistoryRead, error)
            return .failure(error)
        }
    }

    private static func lastActivity(_ history: ZendeskHistory) -> Double {
        history.transcript.messages.compactMap(\.timestamp).max() ?? 0
    }

    /// The session's Zendesk external id: its subject, unless the validator fell back to the email or the
    /// subject is a Zendesk user id (OAuth tokens).
    static func externalID(of session: VerifiedSession) -> String? {
        switch session.credentialKind {
        case .messagingJWT, .chatVisitorJWT, .ssoJWT: session.subject == session.email ? nil : session.subject
        default: nil
        }
    }

    /// The subject prefix of OAuth-token sessions: `zendesk-user:<Support user id>`.
    static let zendeskUserPrefix = "zendesk-user:"

    /// Whether a Chat the page named is this customer's: the same external id, or the same verified email
    /// address (a Chat visitor has no external id), as the session's identity says.
    static func belongs(_ context: CustomerContext, externalID: String?, verifiedEmail: String?) -> Bool {
        if let theirs = context.externalID, let externalID, theirs == externalID { return true }
        guard let email = context.email?.lowercased(), !email.isEmpty, let verifiedEmail else { return false }
        return email == verifiedEmail.lowercased()
    }

    /// Participant attributes (guest chat only), the External Contact, and the transcript as its notes.
    func transferContext(session: VerifiedSession, histories: [ZendeskHistory], guest: GenesysGuestConversation?, genesys: GenesysTarget) async {
        await self.traced("transferContext") { span in
            span.attributes["authbridge.history.conversations"] = histories.count
            await self.carryContext(session: session, histories: histories, guest: guest, genesys: genesys, span: span)
        }
    }

    private func carryContext(
        session: VerifiedSession,
        histories: [ZendeskHistory],
        guest: GenesysGuestConversation?,
        genesys: GenesysTarget,
        span: any Span
    ) async {
        let client = genesys.client
        // The newest conversation's context is the customer's now.
        let history = histories.first
        let context = history?.context
        if let guest {
            do {
                let attributes = try client.contextAttributes(
                    session: session,
                    context: context,
                    sourceConversationID: history?.transcript.conversationID
                )
                // The guest's member id is a communication id; attributes go to the participant.
                let participant = try await client.customerParticipantID(conversationID: guest.conversationID)
                try await client.setParticipantAttributes(
                    attributes,
                    conversationID: guest.conversationID,
                    participantID: participant,
                    mediaType: .any
                )
            } catch {
                span.recordFailure(error)
                self.degraded(.contextTransfer, error)
            }
        }
        do {
            let upsert = try await client.upsertContact(GenesysContactDetails(session: session, context: context))
            if !upsert.omittedFields.isEmpty {
                self.noted(.contextTransfer, GenesysError.omitted(upsert.omittedFields), "context carried without values beyond Genesys's limits")
            }
            // Oldest first, so the contact's notes read in order.
            for transcript in histories.reversed().map(\.transcript) where !transcript.messages.isEmpty {
                _ = try await client.appendTranscript(transcript, toContact: upsert.contact.id)
            }
        } catch {
            span.recordFailure(error)
            self.degraded(.contextTransfer, error)
        }
    }
}
