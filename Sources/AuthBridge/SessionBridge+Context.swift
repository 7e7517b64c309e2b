import AuthBridgeCore
import AuthBridgeGenesys
import AuthBridgeZendesk

extension SessionBridge {
    /// The Zendesk history the page named, or `nil` (logged) when there is none or it cannot be read.
    func readHistory(_ reference: HistoryReference?) async -> ZendeskHistory? {
        guard let reference else { return nil }
        do {
            switch reference {
            case .zendeskChat(let chatID):
                guard let read = self.history.zendeskChat else { throw BridgeUnsupported.history("Zendesk Chat") }
                return try await read(chatID, self.logger)
            case .sunshineConversation(let conversationID, let userID):
                guard let read = self.history.sunshine else { throw BridgeUnsupported.history("Sunshine Conversations") }
                return try await read(conversationID, userID, self.logger)
            }
        } catch {
            self.degraded(.zendeskHistoryRead, error)
            return nil
        }
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
                try await client.setParticipantAttributes(attributes, conversationID: guest.conversationID, participantID: guest.memberID)
            } catch {
                self.degraded(.contextTransfer, error)
            }
        }
        do {
            let upsert = try await client.upsertContact(GenesysContactDetails(session: session, context: context))
            if let transcript = history?.transcript, !transcript.messages.isEmpty {
                _ = try await client.appendTranscript(transcript, toContact: upsert.contact.id)
            }
        } catch {
            self.degraded(.contextTransfer, error)
        }
    }
}
