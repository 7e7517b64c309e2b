public import AuthBridgeCore
internal import AuthBridgeJWT

/// A guest chat created server-side: what the page needs to join it.
///
/// The page opens a websocket on ``eventStreamURI`` (the chat is not routed until it does) and sends
/// ``jwt`` as the bearer token of every later guest call. The `jwt` is scoped to this one conversation
/// member; it is not a platform token.
public struct GenesysGuestConversation: Sendable, CustomStringConvertible {
    /// The conversation id.
    public let conversationID: String
    /// The guest member's id.
    public let memberID: String
    /// The conversation JWT for the page.
    public let jwt: Secret
    /// The websocket URI the page must open.
    public let eventStreamURI: String
    /// The custom field keys left out because of the caps (see ``GenesysGuestChatLimits``).
    public let omittedFields: [String]

    /// Creates a value; ``GenesysCloudClient/createGuestConversation(_:)`` does this.
    /// - Parameters:
    ///   - conversationID: The conversation id.
    ///   - memberID: The member id.
    ///   - jwt: The conversation JWT.
    ///   - eventStreamURI: The websocket URI.
    ///   - omittedFields: Keys left out.
    public init(conversationID: String, memberID: String, jwt: Secret, eventStreamURI: String, omittedFields: [String] = []) {
        self.conversationID = conversationID
        self.memberID = memberID
        self.jwt = jwt
        self.eventStreamURI = eventStreamURI
        self.omittedFields = omittedFields
    }

    /// `{"conversationId","memberId","jwt","eventStreamUri"}`: the JSON to send to the page.
    public var browserJSON: String {
        let object: JSONValue = [
            "conversationId": .string(self.conversationID),
            "memberId": .string(self.memberID),
            "jwt": .string(self.jwt.revealed),
            "eventStreamUri": .string(self.eventStreamURI),
        ]
        return object.serialized
    }

    /// The ids and URI; the JWT shows as `<redacted>`.
    public var description: String {
        "GenesysGuestConversation(conversationID: \(self.conversationID), memberID: \(self.memberID), "
            + "jwt: <redacted>, eventStreamURI: \(self.eventStreamURI))"
    }
}
