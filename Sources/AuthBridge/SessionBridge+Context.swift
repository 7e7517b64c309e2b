import AuthBridgeCore
import AuthBridgeGenesys
import AuthBridgeZendesk
import Logging

extension SessionBridge {
    /// The Zendesk history the page named, or `nil` (logged) when there is none, it cannot be read, or it
    /// is not this customer's: the id comes from the browser and the read uses AuthBridge's own token, so
    /// a conversation is carried only when its customer is the session's (same external id, or same
    /// email address).
    func readHistory(_ reference: HistoryReference?, for session: VerifiedSession) async -> ZendeskHistory? {
        guard let reference else { return nil }
        do {
            let history: ZendeskHistory
            switch reference {
            case .zendeskChat(let chatID):
                guard let read = self.history.zendeskChat else { throw BridgeUnsupported.history("Zendesk Chat") }
                history = try await read(chatID, self.logger)
            case .sunshineConversation(let conversationID, let userID):
                guard let read = self.history.sunshine else { throw BridgeUnsupported.history("Sunshine Conversations") }
                history = try await read(conversationID, userID, self.logger)
            }
            guard Self.belongs(history.context, to: session) else { throw BridgeUnsupported.foreignHistory }
            return history
        } catch {
            self.degraded(.zendeskHistoryRead, error)
            return nil
        }
    }

    static func belongs(_ context: CustomerContext, to session: VerifiedSession) -> Bool {
        if let externalID = context.externalID, externalID == session.subject { return true }
        if let email = context.email?.lowercased(), let sessionEmail = session.email?.lowercased(), !email.isEmpty {
            return email == sessionEmail
        }
        return false
    }

    /// Participant attributes (guest chat only), the External Contact, and the transcript as its notes.
    func transferContext(session: VerifiedSession, history: ZendeskHistory?, guest: GenesysGuestConversation?, genesys: GenesysTarget) async {
        let client = genesys.client
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
                self.degraded(.contextTransfer, error)
            }
        }
        do {
            let upsert = try await client.upsertContact(GenesysContactDetails(session: session, context: context))
            if !upsert.omittedFields.isEmpty {
                self.noted(.contextTransfer, GenesysError.omitted(upsert.omittedFields), "context carried without values beyond Genesys's limits")
            }
            if let transcript = history?.transcript, !transcript.messages.isEmpty {
                _ = try await client.appendTranscript(transcript, toContact: upsert.contact.id)
            }
        } catch {
            self.degraded(.contextTransfer, error)
        }
    }
}
