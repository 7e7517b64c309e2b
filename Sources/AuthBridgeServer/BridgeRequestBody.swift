import AuthBridge
import AuthBridgeJWT
import NIOCore

/// Reads the page's JSON request into the bridge's types; every refusal says which member is wrong.
enum BridgeRequestBody {
    struct Invalid: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static func widgetRequest(_ bytes: ByteBuffer) throws(Invalid) -> WidgetRequest {
        let object = try self.object(bytes)
        let (credential, kind) = try self.credential(in: object)
        let widget: Widget
        switch object["widget"]?.stringValue {
        case "messenger":
            guard let messenger = object["messenger"]?.objectValue else { throw Invalid("messenger parameters are required") }
            guard let clientID = messenger["clientId"]?.stringValue, let redirectURI = messenger["redirectUri"]?.stringValue else {
                throw Invalid("messenger.clientId and messenger.redirectUri are required")
            }
            widget = .messenger(
                AuthorizationCodeRequest(
                    clientID: clientID,
                    redirectURI: redirectURI,
                    nonce: try self.optionalString(messenger, "nonce"),
                    codeChallenge: try self.optionalString(messenger, "codeChallenge"),
                    codeChallengeMethod: try self.optionalString(messenger, "codeChallengeMethod") ?? "S256",
                    scope: try self.optionalString(messenger, "scope") ?? "openid email profile offline_access"
                )
            )
        case "webChat":
            widget = .webChat
        case "guestChat":
            widget = .guestChat
        default:
            throw Invalid("widget must be messenger, webChat or guestChat")
        }
        return WidgetRequest(credential: credential, credentialKind: kind, widget: widget, history: try self.history(object["history"]))
    }

    /// `{"zendeskChatId": "…"}` or `{"sunshineConversationId": "…", "sunshineUserId": "…"}`.
    private static func history(_ value: JSONValue?) throws(Invalid) -> HistoryReference? {
        guard let value else { return nil }
        guard let object = value.objectValue else { throw Invalid("history must be an object") }
        if let chatID = try self.optionalString(object, "zendeskChatId") { return .zendeskChat(chatID: chatID) }
        if let conversationID = try self.optionalString(object, "sunshineConversationId") {
            return .sunshineConversation(conversationID: conversationID, userID: try self.optionalString(object, "sunshineUserId"))
        }
        throw Invalid("history needs zendeskChatId or sunshineConversationId")
    }

    static func credential(_ bytes: ByteBuffer) throws(Invalid) -> (Secret, CredentialKind) {
        try self.credential(in: try self.object(bytes))
    }

    /// Parsed in place from the collected body: no copy into an array or a string first.
    private static func object(_ bytes: ByteBuffer) throws(Invalid) -> JSONObject {
        let parsed = bytes.withUnsafeReadableBytes { raw in try? JSONValue(parsing: raw.assumingMemoryBound(to: UInt8.self)) }
        guard let object = parsed?.objectValue else {
            throw Invalid("the body must be a JSON object")
        }
        return object
    }

    private static func credential(in object: JSONObject) throws(Invalid) -> (Secret, CredentialKind) {
        guard let credential = object["credential"]?.stringValue, !credential.isEmpty else { throw Invalid("credential is required") }
        let kind: CredentialKind
        switch object["credentialKind"]?.stringValue {
        case "messagingJWT": kind = .messagingJWT
        case "chatVisitorJWT": kind = .chatVisitorJWT
        case "ssoJWT": kind = .ssoJWT
        case "oauthToken": kind = .oauthToken
        default: throw Invalid("credentialKind must be messagingJWT, chatVisitorJWT, ssoJWT or oauthToken")
        }
        return (Secret(credential), kind)
    }

    private static func optionalString(_ object: JSONObject, _ name: String) throws(Invalid) -> String? {
        guard let value = object[name] else { return nil }
        guard let string = value.stringValue else { throw Invalid("\(name) must be a string") }
        return string
    }
}
