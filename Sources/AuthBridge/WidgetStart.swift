public import AuthBridgeGenesys
public import AuthBridgeJWT
public import AuthBridgeOIDC

/// Exactly what the chosen widget reads, and nothing more: never a platform access token.
public enum WidgetStart: Sendable, CustomStringConvertible {
    /// What Messenger's AuthProvider `getAuthCode` resolves with.
    case messenger(AuthorizationCodeGrant)
    /// The Web Chat 1.x member token, for the widget's `Client-Token`.
    case webChat(GenesysMemberToken)
    /// The guest chat the page joins.
    case guestChat(GenesysGuestConversation)

    /// The JSON body the page receives: for Messenger `{authCode, redirectUri, nonce, codeVerifier?}`,
    /// for Web Chat `{jwt}`, for guest chat `{conversationId, memberId, jwt, eventStreamUri}`.
    public var json: JSONObject {
        switch self {
        case .messenger(let grant):
            grant.json
        case .webChat(let token):
            ["jwt": .string(token.jwt.revealed)]
        case .guestChat(let conversation):
            [
                "conversationId": .string(conversation.conversationID),
                "memberId": .string(conversation.memberID),
                "jwt": .string(conversation.jwt.revealed),
                "eventStreamUri": .string(conversation.eventStreamURI),
            ]
        }
    }

    /// ``json`` as compact JSON bytes; Messenger's answer is written without building the object.
    package var jsonBytes: [UInt8] {
        switch self {
        case .messenger(let grant): grant.jsonBytes
        case .webChat, .guestChat: JSONValue.object(self.json).serializedBytes
        }
    }

    /// The widget and the non-secret parts.
    public var description: String {
        switch self {
        case .messenger(let grant): "WidgetStart.messenger(\(grant))"
        case .webChat: "WidgetStart.webChat(jwt: <redacted>)"
        case .guestChat(let conversation): "WidgetStart.guestChat(\(conversation))"
        }
    }
}
