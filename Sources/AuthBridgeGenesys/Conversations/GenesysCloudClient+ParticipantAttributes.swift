public import AuthBridgeCore
internal import AuthBridgeJWT
internal import NIOHTTP1

extension GenesysCloudClient {
    /// Sets participant attributes on a conversation
    /// (`PATCH /api/v2/conversations[/{media}]/{conversationId}/participants/{participantId}/attributes`).
    ///
    /// Attributes merge into what the participant has; sending the same ones twice leaves the same state,
    /// so the call is retried on transient failures.
    /// - Parameters:
    ///   - attributes: The attributes.
    ///   - conversationID: The conversation.
    ///   - participantID: The participant's id (for a guest chat not the member id, which is a
    ///     communication id: see ``customerParticipantID(conversationID:)``).
    ///   - mediaType: Which path; default ``GenesysMediaType/messages``.
    /// - Throws: ``GenesysError`` or `CancellationError`.
    public func setParticipantAttributes(
        _ attributes: [String: String],
        conversationID: String,
        participantID: String,
        mediaType: GenesysMediaType = .messages
    ) async throws {
        var values = JSONObject()
        for (key, value) in attributes.sorted(by: { $0.key < $1.key }) { values[key] = .string(value) }
        let media = mediaType.pathSegment.map { "/" + $0 } ?? ""
        let path =
            "/api/v2/conversations\(media)/\(PathSegment.escaped(conversationID))"
            + "/participants/\(PathSegment.escaped(participantID))/attributes"
        let request = GenesysRequest(.PATCH, path, json: ["attributes": .object(values)], isIdempotent: true)
        _ = try await self.transport.send(request)
    }

    /// The id of the conversation's customer participant (`GET /api/v2/conversations/{conversationId}`,
    /// the last participant whose `purpose` is `customer`), as Genesys's own blueprints find it.
    /// - Parameter conversationID: The conversation.
    /// - Returns: The participant id.
    /// - Throws: ``GenesysError`` (``GenesysError/Code/notFound`` when the conversation has no customer).
    public func customerParticipantID(conversationID: String) async throws -> String {
        let request = GenesysRequest(.GET, "/api/v2/conversations/\(PathSegment.escaped(conversationID))", isIdempotent: true)
        let response = try await self.transport.send(request)
        let participants = try response.jsonObject()["participants"]?.arrayValue ?? []
        let customer = participants.last { $0.objectValue?["purpose"]?.stringValue == "customer" }
        guard let id = customer?.objectValue?["id"]?.stringValue, !id.isEmpty else {
            throw GenesysError(
                .notFound,
                kind: .permanent,
                reason: "the conversation has no customer participant",
                operation: response.operation,
                status: response.status,
                correlationID: response.correlationID
            )
        }
        return id
    }

    /// The customer of a web messaging conversation (`GET /api/v2/conversations/messages/{conversationId}`,
    /// the last participant whose `purpose` is `customer`).
    /// - Parameter conversationID: The conversation.
    /// - Returns: Its customer participant.
    /// - Throws: ``GenesysError`` (``GenesysError/Code/notFound`` for an unknown conversation or one without a
    ///   customer) or `CancellationError`.
    public func messagingCustomer(conversationID: String) async throws -> GenesysMessagingCustomer {
        let request = GenesysRequest(
            .GET,
            "/api/v2/conversations/messages/\(PathSegment.escaped(conversationID))",
            isIdempotent: true
        )
        let response = try await self.transport.send(request)
        let participants = try response.jsonObject()["participants"]?.arrayValue ?? []
        guard let customer = participants.last(where: { $0.objectValue?["purpose"]?.stringValue == "customer" })?.objectValue,
            let id = customer["id"]?.stringValue, !id.isEmpty
        else {
            throw GenesysError(
                .notFound,
                kind: .permanent,
                reason: "the messaging conversation has no customer participant",
                operation: response.operation,
                status: response.status,
                correlationID: response.correlationID
            )
        }
        return GenesysMessagingCustomer(
            participantID: id,
            isAuthenticated: customer["authenticated"]?.boolValue ?? false,
            address: customer["fromAddress"]?.objectValue?["addressDisplayable"]?.stringValue,
            externalContactID: customer["externalContact"]?.objectValue?["id"]?.stringValue
        )
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
