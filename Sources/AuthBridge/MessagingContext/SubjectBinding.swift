import AuthBridgeCore
import Foundation

/// What a verified Zendesk session brought, kept under the OpenID `sub` AuthBridge put in Messenger's
/// ID token: the customer, their Zendesk context, and where their earlier conversation is. Encoded as
/// JSON, then sealed by ``SubjectBindings``.
struct SubjectBinding: Codable, Sendable, Equatable {
    var subject: String
    var name: String?
    var email: String?
    var isEmailVerified: Bool
    var credentialKind: String
    var expiresAt: Double?
    var authenticatedAt: Double?
    var context: [String: ContextValue]
    /// `zendeskChat` or `sunshineConversation`, with its ids.
    var historyKind: String?
    var historyID: String?
    var historyUserID: String?

    init(session: VerifiedSession, history: HistoryReference?) {
        self.subject = session.subject
        self.name = session.name
        self.email = session.email
        self.isEmailVerified = session.isEmailVerified
        self.credentialKind = session.credentialKind.description
        self.expiresAt = session.expiresAt
        self.authenticatedAt = session.authenticatedAt
        self.context = session.context
        switch history {
        case .zendeskChat(let chatID):
            self.historyKind = "zendeskChat"
            self.historyID = chatID
        case .sunshineConversation(let conversationID, let userID):
            self.historyKind = "sunshineConversation"
            self.historyID = conversationID
            self.historyUserID = userID
        case nil:
            break
        }
    }

    /// The session as it was verified; `nil` for a kind this version does not know.
    var session: VerifiedSession? {
        guard let kind = [CredentialKind.messagingJWT, .chatVisitorJWT, .ssoJWT, .oauthToken].first(where: { $0.description == self.credentialKind })
        else { return nil }
        return VerifiedSession(
            subject: self.subject,
            name: self.name,
            email: self.email,
            isEmailVerified: self.isEmailVerified,
            credentialKind: kind,
            expiresAt: self.expiresAt,
            authenticatedAt: self.authenticatedAt,
            context: self.context
        )
    }

    /// Where the earlier conversation is, if the page named one at sign-in.
    var history: HistoryReference? {
        switch (self.historyKind, self.historyID) {
        case ("zendeskChat", let id?): .zendeskChat(chatID: id)
        case ("sunshineConversation", let id?): .sunshineConversation(conversationID: id, userID: self.historyUserID)
        default: nil
        }
    }
}
