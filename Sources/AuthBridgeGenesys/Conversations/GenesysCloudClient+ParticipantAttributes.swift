public import AuthBridgeCore
internal import AuthBridgeJWT
internal import NIOHTTP1

extension GenesysCloudClient {
    /// Sets participant attributes on a conversation
    /// (`PATCH /api/v2/conversations/{media}/{conversationId}/participants/{participantId}/attributes`).
    ///
    /// Attributes merge into what the participant has; sending the same ones twice leaves the same state,
    /// so the call is retried on transient failures.
    /// - Parameters:
    ///   - attributes: The attributes.
    ///   - conversationID: The conversation.
    ///   - participantID: The participant; for a guest chat, the member id (Genesys uses one id for both).
    ///   - mediaType: The conversation's media type; default ``GenesysMediaType/chats``.
    /// - Throws: ``GenesysError`` or `CancellationError`.
    public func setParticipantAttributes(
        _ attributes: [String: String],
        conversationID: String,
        participantID: String,
        mediaType: GenesysMediaType = .chats
    ) async throws {
        var values = JSONObject()
        for (key, value) in attributes.sorted(by: { $0.key < $1.key }) { values[key] = .string(value) }
        let path = "/api/v2/conversations/\(mediaType.pathSegment)/\(PathSegment.escaped(conversationID))"
            + "/participants/\(PathSegment.escaped(participantID))/attributes"
        let request = GenesysRequest(.PATCH, path, json: ["attributes": .object(values)], isIdempotent: true)
        _ = try await self.transport.send(request)
    }

    /// The identity and Zendesk context as attributes, under the same keys, caps and truncation rule as
    /// guest chat custom fields (``GenesysGuestChatLimits``).
    /// - Parameters:
    ///   - session: The verified customer.
    ///   - context: Zendesk context.
    ///   - sourceConversationID: The Zendesk chat or conversation id.
    ///   - transcriptLink: A link to the transcript.
    /// - Returns: The attributes, `authbridgeOmittedFields` included when something was left out.
    /// - Throws: ``GenesysError`` with ``GenesysError/Code/invalidInput`` when the identity does not fit.
    public func contextAttributes(
        session: VerifiedSession,
        context: CustomerContext?,
        sourceConversationID: String? = nil,
        transcriptLink: String? = nil
    ) throws(GenesysError) -> [String: String] {
        let fields = try GenesysCustomFields.build(
            session: session,
            context: context,
            conversationID: sourceConversationID,
            transcriptLink: transcriptLink,
            transcriptSummary: nil,
            extra: [:],
            limits: self.configuration.guestChatLimits
        )
        var result: [String: String] = [:]
        for (key, value) in fields.result { result[key] = value }
        return result
    }
}
